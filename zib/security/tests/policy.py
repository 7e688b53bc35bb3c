"""Reading a Content-Security-Policy header in tests."""

# What every public response must say, directive by directive.
STRICT_PUBLIC_DIRECTIVES = {
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def parse_csp(header):
    """``{"directive": ["source", …]}`` from a policy header."""
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def strict_policy_problems(header):
    """What is wrong with a public page's policy; empty when it is strict."""
    if not header:
        return ["no Content-Security-Policy header"]
    policy = parse_csp(header)
    problems = [
        f"{directive} is {policy.get(directive)!r}, expected {expected!r}"
        for directive, expected in STRICT_PUBLIC_DIRECTIVES.items()
        if policy.get(directive) != expected
    ]
    if "'unsafe-inline'" in header or "'unsafe-eval'" in header:
        problems.append("unsafe-inline/unsafe-eval in the policy")
    return problems
