"""Visiting the site in headless Chromium and recording what a visitor's browser sees.

Used by test_browser.py: one pass over the site records, per page, the axe
violations, every request and the host it went to, console errors (CSP
violations show up there), broken resources and the policy header. The
tests then assert on the record, one quality gate each.
"""

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe

from zib.security.tests.policy import strict_policy_problems

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
MAX_PAGES = 60
_axe = Axe()

# The look of an element, for telling focused from unfocused.
STYLE_JS = """
(element) => {
    const s = getComputedStyle(element);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow,
            s.backgroundColor, s.color, s.textDecorationLine, s.borderColor].join("|");
}
"""
REMEMBER_UNFOCUSED_JS = f"""
() => {{
    const style = {STYLE_JS};
    window.__zibUnfocused = new Map();
    const focusable = "a[href], button, input, select, textarea, [tabindex]";
    for (const element of document.querySelectorAll(focusable)) {{
        window.__zibUnfocused.set(element, style(element));
    }}
}}
"""
ACTIVE_ELEMENT_JS = f"""
() => {{
    const style = {STYLE_JS};
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const box = e.getBoundingClientRect();
    return {{
        tag: e.tagName.toLowerCase(),
        type: e.getAttribute("type") || "",
        name: e.getAttribute("name") || "",
        id: e.id,
        text: (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 40),
        href: e.getAttribute("href") || "",
        skipLink: e.classList.contains("skip-link"),
        inMainNav: !!e.closest(".main-nav, nav[aria-label='Hauptnavigation']"),
        search: e.matches("input[type=search], input[name=q]"),
        formField: e.matches("input:not([type=hidden]):not([type=submit]), select, textarea")
            && !!e.closest("form[method=post], form[method=POST]"),
        visibleFocus: !window.__zibUnfocused || !window.__zibUnfocused.has(e)
            || window.__zibUnfocused.get(e) !== style(e),
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
        inMain: !!e.closest("main"),
    }};
}}
"""


@dataclass
class PageRecord:
    """What the browser saw on one page."""

    url: str
    status: int = 0
    title: str = ""
    lang: str = ""
    dir: str = ""
    csp_problems: list = field(default_factory=list)
    axe: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    broken_resources: list = field(default_factory=list)
    links: list = field(default_factory=list)
    has_post_form: bool = False
    cookies_set: list = field(default_factory=list)


def axe_violations(page):
    """One line per axe violation: rule, impact, help and where."""
    results = _axe.run(page, options=AXE_OPTIONS)
    lines = []
    for violation in results.response.get("violations", []):
        targets = ", ".join(" ".join(node.get("target", [])) for node in violation.get("nodes", [])[:3])
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']} — {targets}")
    return lines


def shape(path):
    """The form of an address: its segments with the last one replaced, e.g. /de/aktuelles/*."""
    parts = [part for part in path.split("/") if part]
    if len(parts) > 1:
        parts[-1] = "*"
    return "/" + "/".join(parts)


class Visitor:
    """Visits pages in one browser context and records everything per page."""

    def __init__(self, context, base_url, sign_in_paths=()):
        self.context = context
        self.base_url = base_url
        # Pages whose purpose is signing in may set the cookies that needs;
        # they are recorded, then cleared so that they hide nothing else.
        self.sign_in_paths = tuple(sign_in_paths)
        self.host = urlsplit(base_url).netloc
        self.records = {}

    def _listen(self, page, record):
        def on_request(request):
            url = request.url
            if url.startswith(("data:", "blob:")):
                return
            record.requests.append(url)
            if urlsplit(url).netloc != self.host:
                record.foreign_requests.append(url)

        def on_response(response):
            if response.status >= 400 and response.request.resource_type != "document":
                record.broken_resources.append(f"{response.status} {response.url}")

        page.on("request", on_request)
        page.on("response", on_response)

        def on_console(message):
            if message.type == "error":
                record.console_errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: record.page_errors.append(str(error)))

    def visit(self, url, *, run_axe=True, action=None):
        """Open ``url`` (or run ``action`` on an opened page) and record what happened."""
        page = self.context.new_page()
        key = url if action is None else f"{url} [{action.__name__}]"
        record = PageRecord(key)
        self._listen(page, record)
        response = page.goto(urljoin(self.base_url, url), wait_until="load")
        if action is not None:
            response = action(page) or response
            page.wait_for_load_state("load")
        self._record_page(page, response, record, run_axe)
        record.cookies_set = sorted(cookie["name"] for cookie in self.context.cookies())
        if self.sign_in_paths and url.startswith(self.sign_in_paths):
            self.context.clear_cookies()
        self.records[key] = record
        page.close()
        return record

    def _record_page(self, page, response, record, run_axe):
        record.status = response.status if response else 0
        headers = response.all_headers() if response else {}
        record.csp_problems = strict_policy_problems(headers.get("content-security-policy", ""))
        record.title = page.title()
        record.lang = page.get_attribute("html", "lang") or ""
        record.dir = page.get_attribute("html", "dir") or ""
        record.links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        record.has_post_form = bool(page.query_selector("main form[method=post], main form[method=POST]"))
        if run_axe and record.status == 200:
            record.axe = axe_violations(page)

    def internal_paths(self, record):
        paths = []
        for href in record.links:
            absolute = urlsplit(urljoin(self.base_url + record.url.split(" ")[0], href))
            if absolute.netloc == self.host and absolute.scheme in ("http", "https"):
                paths.append(absolute.path + (f"?{absolute.query}" if absolute.query else ""))
        return paths


def submit_first_post_form_empty(page):
    """Send the page's form without filling it in: the error state (browser checks off)."""
    form = page.query_selector("main form[method=post], main form[method=POST]")
    page.evaluate(
        """(form) => {
            form.noValidate = true;
            for (const field of form.querySelectorAll("input:not([type=hidden]), textarea, select")) {
                if (field.type === "checkbox" || field.type === "radio") field.checked = false;
                else if (field.tagName !== "SELECT") field.value = "";
            }
        }""",
        form,
    )
    with page.expect_navigation(wait_until="load") as navigation:
        page.evaluate("(form) => form.requestSubmit()", form)
    return navigation.value


def keyboard_walk(page, steps=40):
    """Press Tab ``steps`` times from the top of the page; what got focus, in order."""
    page.evaluate(REMEMBER_UNFOCUSED_JS)
    focused = []
    for _step in range(steps):
        page.keyboard.press("Tab")
        element = page.evaluate(ACTIVE_ELEMENT_JS)
        if element is None:
            break
        focused.append(element)
    return focused
