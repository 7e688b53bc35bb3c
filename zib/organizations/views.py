"""Public views of the network directory.

The listing, an entry's page and the exports are sub-routes of
`NetworkDirectoryPage`. The partners' forms are plain views (see urls.py);
a honeypot and the e-mail confirmation keep bots out of the review queue.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from zib.pagecache import local
from zib.pages import listings
from zib.pages.deferred import deferred_objects

from . import services
from .exports import build_csv, build_vcard, entry_record
from .forms import DirectoryFilterForm, ProposalForm
from .languages import language_name
from .models import District, NetworkDirectoryPage, Organization, OrganizationProposal, Topic

MAX_PAGE_PARAM = 10_000


def directory_page():
    """The directory page in the visitor's language (or the default one)."""
    pages = NetworkDirectoryPage.objects.live().public()
    return (
        pages.filter(locale_id=services.active_locale_id()).first()
        or pages.filter(locale_id=services.default_locale_id()).first()
    )


def entry_url(organization, page=None, absolute=False):
    page = page or directory_page()
    if page is None:
        return ""
    base = page.get_full_url() if absolute else page.get_url()
    if not base:
        return ""
    return base + page.reverse_subpage("entry", args=[organization.slug])


def _facets():
    """The filters' choices in the visitor's language, remembered per cache generation.

    ``(topics, languages, districts)``, each a list of ``(value, label)`` pairs.
    """
    return local.get_or_compute(
        f"network:facets:{get_language()}", _compute_facets, timeout=local.until_scheduled_change
    )


def _compute_facets():
    default = services.default_locale_id()
    active = services.active_locale_id()
    topics = list(Topic.objects.filter(locale_id=default))
    names = {}
    if active != default:
        names = dict(Topic.objects.filter(locale_id=active).values_list("translation_key", "name"))
    topic_choices = [(topic.slug, names.get(topic.translation_key, topic.name)) for topic in topics]
    codes = set()
    for value in (
        Organization.objects.filter(locale_id=default, show_in_directory=True)
        .exclude(languages="")
        .values_list("languages", flat=True)
    ):
        codes.update(code.strip() for code in value.split(",") if code.strip())
    languages = sorted(((code, language_name(code)) for code in codes), key=lambda pair: pair[1].lower())
    districts = list(District.objects.values_list("slug", "name"))
    return topic_choices, languages, districts


def _filter_form(request):
    topics, languages, districts = _facets()
    form = DirectoryFilterForm(request.GET or None, topics=topics, languages=languages, districts=districts)
    filters = form.filters() if request.GET else {}
    return form, filters


def _filtered_entries(request):
    form, filters = _filter_form(request)
    queryset = services.filter_directory(services.directory_queryset(), **filters)
    return form, filters, queryset


def _form_fields(form):
    """``(bound field, fragment key)`` pairs: a field's label and widget are kept as a fragment.

    The key is what the widget shows: the chosen value, or that the value was
    not understood (any such value renders alike). A search term typed by the
    visitor is never a key.
    """
    fields = []
    for field in form:
        if field.name == "q":
            key = None if field.value() else "q:"
        elif field.errors:
            key = f"{field.name}:!"
        else:
            key = f"{field.name}:{field.value() or ''}"
        fields.append((field, key))
    return fields


def _listing_key(page, filters):
    """The key the ordered ids of the filtered entries are remembered under; None for a search term.

    The filters' values are validated and finite; a search term typed by the
    visitor is never remembered.
    """
    if filters.get("q"):
        return None
    return "network:{}:{topic}:{language}:{district}:{kind}".format(
        page.pk, **{name: filters.get(name, "") for name in ("topic", "language", "district", "kind")}
    )


def _deferred_entries(ids, page, base_url):
    """Stand-ins for the entries of one page of the listing (``zib.pages.deferred``).

    Each card is a fragment remembered per entry; only when a card is not
    remembered are the page's entries loaded (all at once, with what the
    cards show).
    """

    def load(ids):
        entries = services.attach_display_fields(listings.load_in_order(services.directory_queryset(), ids))
        for entry in entries:
            entry.url = base_url + page.reverse_subpage("entry", args=[entry.slug])
        return entries

    return deferred_objects(Organization, ids, load)


def directory_index(request, page):
    """The directory: filters in the URL, full-text search, pagination."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    submitted = any(request.GET.get(name) for name in DirectoryFilterForm.base_fields)
    if submitted:
        form, filters = _filter_form(request)
        form_fields = _form_fields(form)
    else:
        # Nothing to filter by: the form is one fragment, built only if it is not remembered.
        form = SimpleLazyObject(lambda: _filter_form(request)[0])
        form_fields = SimpleLazyObject(lambda: _form_fields(form))
        filters = {}
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit() or int(page_number) > MAX_PAGE_PARAM:
        page_number = 1
    page_url = page.url
    paginator, page_obj = listings.paginate(
        request,
        _listing_key(page, filters),
        lambda: services.filter_directory(services.directory_entries(), **filters),
        page.per_page or 20,
        page_number=page_number,
        load=lambda ids: _deferred_entries(ids, page, page_url),
    )
    entries = page_obj.object_list
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "form_fields": form_fields,
            "form_key": "" if submitted else page_url,
            "filters": filters,
            "filters_active": any(filters.values()),
            "filter_errors": submitted and bool(form.errors),
            "page_obj": page_obj,
            "entries": entries,
            "result_count": paginator.count,
            "page_url": page_url,
            "csv_url": page_url + page.reverse_subpage("export_csv"),
            "json_url": page_url + page.reverse_subpage("export_json"),
            "propose_url": reverse("organizations:propose"),
        }
    )
    return TemplateResponse(request, "organizations/network_directory_page.html", context)


def _entry_or_404(slug):
    entry = (
        services.with_details(services.directory_queryset()).filter(slug=slug).first()
        if len(slug) <= 255
        else None
    )
    if entry is None:
        raise Http404
    return services.attach_display_fields([entry])[0]


def directory_entry(request, page, slug):
    """One entry with everything the directory knows about it."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    entry = _entry_or_404(slug)
    context = page.get_context(request)
    context.update(
        {
            "entry": entry,
            "directory_url": page.url,
            "vcard_url": page.url + page.reverse_subpage("vcard", args=[entry.slug]),
            "change_url": reverse("organizations:propose_change", args=[entry.slug]),
            "show_map": request.GET.get("karte") == "1",
            "map_toggle_url": "?karte=1",
            **page.subroute_breadcrumbs(entry.display_name),
        }
    )
    return TemplateResponse(request, "organizations/directory_entry.html", context)


def directory_vcard(request, page, slug):
    """The entry as a vCard 4.0 (RFC 6350) to save in an address book."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    entry = _entry_or_404(slug)
    url = page.get_full_url(request) + page.reverse_subpage("entry", args=[entry.slug])
    body = build_vcard(entry, url=url, contacts=entry.public_contacts)
    response = HttpResponse(body, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{entry.slug}.vcf"'
    return response


def _export_records(request, page):
    _form, _filters, queryset = _filtered_entries(request)
    entries = services.attach_display_fields(services.with_details(queryset))
    base = page.get_full_url(request)
    return [entry_record(entry, base + page.reverse_subpage("entry", args=[entry.slug])) for entry in entries]


def directory_csv(request, page):
    """The whole directory (or the filtered part) as CSV."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    response = HttpResponse(build_csv(_export_records(request, page)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="netzwerkverzeichnis.csv"'
    return response


def directory_json(request, page):
    """The whole directory (or the filtered part) as JSON."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    records = _export_records(request, page)
    payload = {"language": get_language(), "count": len(records), "entries": records}
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- Partners' forms -------------------------------------------------------------------


def _form_context(form, **extra):
    return {"form": form, "directory": directory_page(), **extra}


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request, slug=None):
    """Propose a new entry, or a change to an existing one."""
    organization = None
    if slug is not None:
        organization = (
            services.directory_queryset()
            .prefetch_related("contact_persons", "social_channels")
            .filter(slug=slug)
            .first()
        )
        if organization is None:
            raise Http404
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            services.submit_proposal(
                data=form.proposal_data(),
                submitter_name=form.cleaned_data["submitter_name"],
                submitter_email=form.cleaned_data["submitter_email"],
                organization=organization,
            )
            return redirect(reverse("organizations:proposal_sent"))
    else:
        if organization:
            initial = ProposalForm.initial_from_organization(organization)
        else:
            initial = {"city": "Saarbrücken", "kind": Organization.Kind.ASSOCIATION}
        form = ProposalForm(initial=initial)
    return TemplateResponse(
        request, "organizations/proposal_form.html", _form_context(form, organization=organization)
    )


def _message(request, message, status=200):
    """One of the short pages after a step ("sent", "confirmed", "expired" …)."""
    return TemplateResponse(
        request, "organizations/proposal_message.html", {"message": message}, status=status
    )


@require_GET
def proposal_sent(request):
    return _message(request, "sent")


def _token_error(request, exc):
    if isinstance(exc, services.ExpiredToken):
        return _message(request, "expired", status=410)
    return _message(request, "invalid", status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_proposal(request, token):
    """The link from the confirmation e-mail: a button confirms (mail scanners only GET)."""
    try:
        proposal = services.proposal_from_confirm_token(token)
    except services.InvalidToken as exc:
        return _token_error(request, exc)
    if request.method == "POST":
        services.confirm_proposal_email(proposal)
        return _message(request, "confirmed")
    already = proposal.status != OrganizationProposal.Status.UNCONFIRMED
    return TemplateResponse(
        request, "organizations/proposal_confirm.html", {"proposal": proposal, "already": already}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def revise_proposal(request, token):
    """Correct a proposal staff sent back, with their note beside the form."""
    try:
        proposal = services.proposal_from_revise_token(token)
    except services.InvalidToken as exc:
        return _token_error(request, exc)
    if proposal.status != OrganizationProposal.Status.RETURNED:
        return _message(request, "done", status=409)
    if request.method == "POST":
        form = ProposalForm(request.POST, submitter_known=True)
        if form.is_valid():
            services.resubmit_proposal(proposal, form.proposal_data())
            return _message(request, "resubmitted")
    else:
        form = ProposalForm(initial=ProposalForm.initial_from_data(proposal.data), submitter_known=True)
    return TemplateResponse(
        request,
        "organizations/proposal_form.html",
        _form_context(form, proposal=proposal, organization=proposal.organization),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_entry(request, token):
    """The yearly link: confirm the entry with one click, or correct it (no account)."""
    try:
        organization = services.organization_from_entry_token(token)
    except services.InvalidToken as exc:
        return _token_error(request, exc)
    entry = services.attach_display_fields(
        [
            services.with_details(Organization.objects.filter(pk=organization.pk))
            .select_related("district")
            .get()
        ]
    )[0]
    form = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            services.confirm_entry(organization)
            return _message(request, "entry_confirmed")
        if action == "correct":
            form = ProposalForm(request.POST, submitter_known=True)
            if form.is_valid():
                services.submit_proposal(
                    data=form.proposal_data(),
                    submitter_name=organization.name,
                    submitter_email=organization.update_email,
                    organization=organization,
                    email_confirmed=True,
                )
                return _message(request, "resubmitted")
        else:
            status = 400  # a tampered form: show the page again
    if form is None:
        form = ProposalForm(
            initial=ProposalForm.initial_from_organization(organization), submitter_known=True
        )
    context = _form_context(form, entry=entry, organization=organization)
    return TemplateResponse(request, "organizations/entry_confirm.html", context, status=status)
