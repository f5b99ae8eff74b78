"""Personal data typed into a public field of the register are found before they are stored,
named by place and field without repeating the value."""

from __future__ import annotations

import pandas as pd

from pmiek.programme.personal import find_personal, normalise, personal_in_register, refusal


def _register() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    z = pd.DataFrame({"number": ["ZW-1", "ZW-2"], "public_name": ["", "Gemeente Houten"]})
    p = pd.DataFrame({"number": ["ZW-1", "ZW-1", "ZW-2"], "point": [1, 2, 1],
                      "theme": ["ruimte"] * 3,
                      "summary": ["Vraagt om inpassing.", "Vraagt om een gesprek.",
                                  "Houten wil station Houten-Noord eerder."],
                      "concerns": ["", "", ""], "answer": ["", "", ""],
                      "change": ["", "", ""], "change_ref": ["", "", ""]})
    people = pd.DataFrame({"number": ["ZW-1", "ZW-2"], "name": ["Jan Voorbeeld", "Els Proef"],
                           "address": ["Voorbeeldstraat 1", "Postbus 9"],
                           "postcode": ["1234 AB", "3990 DA"], "city": ["Zeist", "Houten"],
                           "email": ["jan@voorbeeld.nl", "e.proef@houten.voorbeeld.nl"],
                           "contact_person": ["", "Els Proef"]})
    return z, p, people


def test_a_clean_register_passes() -> None:
    assert personal_in_register(*_register()) == []


def test_a_name_or_email_typed_into_a_public_field_is_found() -> None:
    z, p, people = _register()
    p.loc[1, "summary"] = "Namens JAN  voorbeeld: graag contact."
    p.loc[2, "answer"] = "Wij mailen naar e.proef@houten.voorbeeld.nl."
    found = personal_in_register(z, p, people)
    assert ("ZW-1.2", "summary", "name") in found
    assert ("ZW-2.1", "answer", "email") in found
    message = refusal(found).texts["nl"]
    assert "ZW-1.2 summary" in message and "voorbeeld" not in message.lower()


def test_a_city_is_no_reason_to_refuse_but_a_whole_word_is_required() -> None:
    z, p, people = _register()
    assert find_personal({"x": normalise("Jan Voorbeeldig")}, people, ["name"]) == []
    assert find_personal({"x": normalise("jan  VOORBEELD")}, people, ["name"]) == [
        ("x", "name", "Jan Voorbeeld")]
    assert personal_in_register(z, p, people) == []  # Houten is also the place it is about
