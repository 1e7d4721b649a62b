from oap_directory.richtext import plain_text


def test_escaped_markup_stays_text_and_is_not_unescaped_twice():
    assert plain_text("<p>Type &amp;lt;b&amp;gt; to see it</p>") == "Type &lt;b&gt; to see it"


def test_entities_become_the_characters_they_stand_for():
    assert plain_text("<p>the pupil&#39;s turn &rsquo;&nbsp;now</p>") == "the pupil's turn ’ now"


def test_inline_tags_leave_no_stray_space_before_punctuation():
    assert (
        plain_text("<p>Some <strong>can't sit still</strong>: they fidget.</p>") == "Some can't sit still: they fidget."
    )
    assert plain_text("<p>One.</p><p>Two</p><ul><li>three</li></ul>") == "One. Two three"
