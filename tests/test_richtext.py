import pytest

from oap_directory.richtext import accessibility_problems, clean_html, plain_text


@pytest.mark.parametrize(
    "dirty",
    [
        "<p>Hello<script>alert(1)</script></p>",
        '<p onclick="alert(1)">Hello</p>',
        '<p><a href="javascript:alert(1)">Hello</a></p>',
        '<p style="color:red">Hello</p>',
        '<p><img src="https://evil.example/x.png" alt="x" onerror="alert(1)">Hello</p>',
        "<p><iframe src='https://evil.example'></iframe>Hello</p>",
    ],
)
def test_clean_html_strips_scripts_handlers_and_styles(dirty):
    cleaned = clean_html(dirty)
    assert "Hello" in cleaned
    for bad in ["script", "onclick", "onerror", "javascript:", "style=", "iframe", "evil.example", "alert"]:
        assert bad not in cleaned


def test_clean_html_keeps_the_toolbar_markup():
    html = (
        "<h2>Steps</h2><p><strong>Bold</strong> and <em>italic</em></p><ul><li>One</li></ul><ol><li>Two</li></ol>"
        "<blockquote><p>Quote</p></blockquote>"
        '<table><thead><tr><th>Day</th></tr></thead><tbody><tr><td colspan="2">Mon</td></tr></tbody></table>'
        '<figure class="image"><img src="/media/editor-images/a.png" alt="A chart" width="10" height="10"><figcaption>C</figcaption></figure>'
    )
    assert clean_html(html) == html


def test_links_get_rel_and_headings_stay_within_h2_to_h4():
    cleaned = clean_html('<h1>Title</h1><h5>Small</h5><p><a href="https://example.org/">Link</a></p>')
    assert cleaned.startswith("<h2>Title</h2><h4>Small</h4>")
    assert 'rel="noopener noreferrer"' in cleaned


def test_clean_html_is_idempotent():
    html = '<p>Hi <a href="https://example.org">there</a></p><script>x</script><h1>T</h1>'
    assert clean_html(clean_html(html)) == clean_html(html)


def test_images_need_alt_text_and_tables_need_a_header_row():
    problems = accessibility_problems('<img src="/media/a.png" alt=""><table><tr><td>x</td></tr></table>')
    assert any("alternative text" in problem for problem in problems)
    assert any("header row" in problem for problem in problems)
    assert accessibility_problems("<table><thead><tr><th>h</th></tr></thead></table>") == []


def test_plain_text_keeps_only_words():
    assert plain_text("<p>Read&nbsp;<strong>daily</strong></p><ul><li>aloud</li></ul>") == "Read daily aloud"
