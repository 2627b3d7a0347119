"""Who may edit: every combination of provider, sign-in, allow-list and where the session comes from."""
import pytest

from dashboard.editing.access import Access, decide

EDITORS = frozenset({"editor@example.org"})


@pytest.mark.parametrize("local, expected", [(True, Access.LOCAL), (False, Access.REMOTE)])
def test_without_a_provider_only_this_machine_may_edit(local, expected):
    person = decide(provider=False, signed_in=False, identity="", allowed=EDITORS, local=local, local_user="ana")
    assert person.access is expected
    assert person.editor == ("local:ana" if local else "")


@pytest.mark.parametrize("local", [True, False])
def test_with_a_provider_nobody_edits_before_signing_in_not_even_on_loopback(local):
    person = decide(provider=True, signed_in=False, identity="", allowed=EDITORS, local=local, local_user="ana")
    assert person.access is Access.SIGN_IN and not person.may_edit and person.editor == ""


def test_a_signed_in_editor_on_the_allow_list_edits_under_their_identity_whatever_its_case():
    person = decide(provider=True, signed_in=True, identity="Editor@Example.org", allowed=EDITORS, local=False, local_user="x")
    assert person.access is Access.EDITOR and person.editor == "editor@example.org"


def test_anyone_else_signed_in_is_not_an_editor():
    person = decide(provider=True, signed_in=True, identity="reader@example.org", allowed=EDITORS, local=True, local_user="x")
    assert person.access is Access.NOT_EDITOR and not person.may_edit and person.editor == ""


def test_an_empty_allow_list_lets_no_one_edit():
    person = decide(provider=True, signed_in=True, identity="editor@example.org", allowed=frozenset(), local=True, local_user="x")
    assert person.access is Access.NOT_EDITOR


def test_a_sign_in_without_an_identity_is_no_sign_in():
    person = decide(provider=True, signed_in=True, identity="", allowed=frozenset({""}), local=True, local_user="x")
    assert person.access is Access.SIGN_IN
