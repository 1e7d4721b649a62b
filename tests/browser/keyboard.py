"""Moving through a page with the keyboard alone, as the browser tests do."""

MAX_TAB_STOPS = 300

# What shows focus: an outline that can be seen, a box-shadow (GOV.UK's underline bar and rings) or
# a background colour (GOV.UK's yellow). GOV.UK's checkboxes show it on the label's ::before, as the
# input itself is invisible. A change of text colour alone does not count.
FOCUS_STYLES_JS = r"""
(element) => {
  const parts = [[element, null]];
  if (element.matches('.govuk-checkboxes__input, .govuk-radios__input') && element.labels.length) {
    parts.push([element.labels[0], '::before']);
  }
  return parts.map(([target, pseudo]) => {
    const style = getComputedStyle(target, pseudo);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
      && !/rgba\(.*, 0\)$|transparent/.test(style.outlineColor);
    return {outline, shadow: style.boxShadow !== 'none', background: style.backgroundColor};
  });
}
"""


def tab_to(page, selector, limit=MAX_TAB_STOPS):
    """Press Tab until the element matching `selector` has focus; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} on {page.url} cannot be reached with the Tab key")


def tab_through(page, limit=MAX_TAB_STOPS):
    """Tab from the top of the page to its end; yield a handle on each element that takes focus."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if page.evaluate("(element) => element === document.body", focused):
            return
        if first is None:
            first = focused
        elif page.evaluate("([a, b]) => a === b", [focused, first]):
            return  # round again to the start
        yield focused
    raise AssertionError(f"more than {limit} tab stops on {page.url}")


def focus_is_visible(page, element):
    """Whether the focused element shows an outline, a box-shadow or a background of its own."""
    focused = page.evaluate(FOCUS_STYLES_JS, element)
    page.evaluate("(element) => element.blur()", element)
    unfocused = page.evaluate(FOCUS_STYLES_JS, element)
    page.evaluate("(element) => element.focus()", element)
    return any(
        now["outline"] or now["shadow"] or now["background"] != before["background"]
        for now, before in zip(focused, unfocused, strict=True)
    )
