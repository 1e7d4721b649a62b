"""The list page and its PDF. Never cached: the list is in the address, and nothing about it is stored."""

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from oap_directory import my_list
from oap_directory.pdf import pdf_response


class ListForm(forms.Form):
    """What the list page's address may carry besides the items: an address to add, or words to look for."""

    address = forms.CharField(required=False, max_length=500, label="Add by web address")
    q = forms.CharField(required=False, max_length=200, label="Find something to add")
    mine = forms.BooleanField(required=False)


def _list_state(request):
    parsed = my_list.parse(request.GET.getlist("items"))
    form = ListForm(request.GET)
    form.is_valid()  # invalid fields are left out of cleaned_data and shown as errors
    return parsed, form, my_list.entries(parsed.uuids)


def _rows(entries, extra):
    """Each entry with the addresses that remove it or move it up or down the list."""
    uuids = [entry.uuid for entry in entries]
    rows = []
    for index, entry in enumerate(entries):
        without = uuids[:index] + uuids[index + 1 :]
        up = down = None
        if index > 0:
            up = uuids[: index - 1] + [entry.uuid, uuids[index - 1]] + uuids[index + 1 :]
        if index < len(uuids) - 1:
            down = uuids[:index] + [uuids[index + 1], entry.uuid] + uuids[index + 2 :]
        rows.append(
            {
                "entry": entry,
                "remove_url": my_list.list_url(without, **extra),
                "up_url": up and my_list.list_url(up, **extra),
                "down_url": down and my_list.list_url(down, **extra),
            }
        )
    return rows


def _grouped_rows(rows):
    groups = []
    for entry_type, members in my_list.grouped([row["entry"] for row in rows]):
        groups.append((entry_type, [row for row in rows if row["entry"] in members]))
    return groups


def _add_by_address(form, uuids, extra):
    """(redirect, None) when the address names an item we can add, else (None, the reason it was not added)."""
    item = my_list.item_at(form.cleaned_data["address"])
    if item is None:
        return None, "There is no published strategy, intervention or resource at that address on this site."
    if item.uuid in uuids:
        return None, f"“{item}” is already on your list."
    if len(uuids) >= my_list.MAX_ITEMS:
        return None, f"Your list already has {my_list.MAX_ITEMS} items, the most a list can hold. Remove one first."
    return redirect(my_list.list_url([*uuids, item.uuid], **extra)), None


@require_GET
@cache_control(private=True, no_cache=True)
def my_list_page(request):
    parsed, form, entries = _list_state(request)
    uuids = [entry.uuid for entry in entries]
    extra = {"mine": "1"} if form.cleaned_data.get("mine") else {}
    address_error = None
    if form.cleaned_data.get("address"):
        response, address_error = _add_by_address(form, uuids, extra)
        if response:
            return response
    words = form.cleaned_data.get("q", "").strip()
    found = my_list.find(words, exclude=uuids) if words else []
    rows = _rows(entries, extra)
    context = {
        "groups": _grouped_rows(rows),
        "entries": entries,
        "parsed": parsed,
        "unknown": len(parsed.uuids) - len(entries),
        "form": form,
        "address_error": address_error,
        "words": words,
        "found": [(entry, my_list.list_url([*uuids, entry.uuid], **extra)) for entry in found],
        "is_full": len(uuids) >= my_list.MAX_ITEMS,
        "max_items": my_list.MAX_ITEMS,
        "share_url": my_list.list_url(uuids, absolute=True),
        "pdf_url": my_list.list_url(uuids, name="my_list_pdf"),
        "items_value": my_list.SEPARATOR.join(str(item_uuid) for item_uuid in uuids),
        "is_mine": bool(extra),
        "site_url": settings.SITE_URL,
        "nav_active": "my_list",
    }
    return render(request, "my_list/my_list.html", context)


@require_GET
@cache_control(private=True, no_cache=True)
def my_list_pdf(request):
    _parsed, _form, entries = _list_state(request)
    context = {
        "entries": [entry for entry in entries if entry.is_available],
        "groups": my_list.grouped([entry for entry in entries if entry.is_available]),
        "today": timezone.localdate(),
        "site_url": settings.SITE_URL,
        "share_url": my_list.list_url([entry.uuid for entry in entries], absolute=True),
    }
    return pdf_response(request, "my_list/handout.html", context, "my-list.pdf")
