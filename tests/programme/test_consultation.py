"""The zienswijzen register (pmiek.programme.consultation): every rule of check_register on a
constructed case, the fictitious Utrecht example, timeliness, public names and answers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import pmiek
from pmiek.domain.problems import Code
from pmiek.errors import ValidationError
from pmiek.programme import consultation as c

EXAMPLE = Path(pmiek.__file__).parent / "data" / "utrecht" / "programme" / "zienswijzen"
UTRECHT = EXAMPLE.parents[1]
END = dt.date(2025, 11, 4)  # the Utrecht terinzagelegging 24 September - 4 November 2025


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _raw() -> dict[str, pd.DataFrame]:
    """A small valid register as typed-in text: one of each kind of submitter."""
    return {
        "zienswijzen": pd.DataFrame({
            "number": ["ZW-2025-001", "ZW-2025-002", "ZW-2025-003"],
            "received_on": ["2025-09-30", "2025-10-02", "2025-11-06"],
            "posted_on": ["", "", "2025-11-03"],
            "channel": ["email", "formulier", "post"],
            "submitter_type": ["particulier", "organisatie", "overheid"],
            "public_name": ["", "Vereniging X", "Gemeente Y"]}),
        "punten": pd.DataFrame({
            "number": ["ZW-2025-001", "ZW-2025-002", "ZW-2025-002", "ZW-2025-003"],
            "point": ["1", "1", "2", "1"],
            "theme": ["ruimte", "netcapaciteit", "proces", "kosten"],
            "summary": ["a", "b", "c", "d"],
            "concerns": ["P-HTO", "", "MW-BET", ""],
            "answer": ["", "", "", ""],
            "leads_to_change": ["nee", "", "false", "0"],
            "change": ["", "", "", ""],
            "change_ref": ["", "", "", ""]}),
        "persoonsgegevens": pd.DataFrame({
            "number": ["ZW-2025-001", "ZW-2025-002"],
            "name": ["Anna de Proef", "B. Voorbeeld"],
            "address": ["Voorbeeldstraat 1", "Postbus 2"],
            "postcode": ["9991 AA", "9991 AB"],
            "city": ["Voorbeeldstad", "Proefdorp"],
            "email": ["anna@example.org", ""],
            "contact_person": ["", "C. Proef"],
            "retain_until": ["2027-12-31", "2027-12-31"]}),
    }


def _problems(raw: dict[str, pd.DataFrame], known: dict[str, set[str]] | None = None,
              ) -> set[tuple[object, ...]]:
    register = c.normalise(c.Register(raw["zienswijzen"], raw["punten"],
                                      raw["persoonsgegevens"]))
    found = c.check_register(register.zienswijzen, register.points, register.personal,
                             known=known)
    return {(p.table, p.column, p.code, p.row) for p in found}


def _set(table: str, column: str, row: int, value: str) -> Callable[[dict], None]:
    def change(raw: dict[str, pd.DataFrame]) -> None:
        raw[table].loc[row, column] = value
    return change


def _both(first: Callable[[dict], None], second: Callable[[dict], None],
          ) -> Callable[[dict], None]:
    def change(raw: dict[str, pd.DataFrame]) -> None:
        first(raw)
        second(raw)
    return change


def test_the_constructed_register_is_valid() -> None:
    assert _problems(_raw()) == set()


CASES = {
    # required values
    "number missing": (_set("zienswijzen", "number", 1, ""),
                       {("zienswijzen", "number", Code.MISSING_VALUE, 1),
                        # what referred to ZW-2025-002 now refers to nothing
                        ("punten", "number", Code.DANGLING_REFERENCE, 1),
                        ("punten", "number", Code.DANGLING_REFERENCE, 2),
                        ("persoonsgegevens", "number", Code.DANGLING_REFERENCE, 1)}),
    "received_on missing": (_set("zienswijzen", "received_on", 0, ""),
                            {("zienswijzen", "received_on", Code.MISSING_VALUE, 0)}),
    "channel missing": (_set("zienswijzen", "channel", 2, ""),
                        {("zienswijzen", "channel", Code.MISSING_VALUE, 2)}),
    "theme missing": (_set("punten", "theme", 3, " "),
                      {("punten", "theme", Code.MISSING_VALUE, 3)}),
    "summary missing": (_set("punten", "summary", 0, ""),
                        {("punten", "summary", Code.MISSING_VALUE, 0)}),
    "retain_until missing": (_set("persoonsgegevens", "retain_until", 1, ""),
                             {("persoonsgegevens", "retain_until", Code.MISSING_VALUE, 1)}),
    # allowed values
    "bad channel": (_set("zienswijzen", "channel", 1, "fax"),
                    {("zienswijzen", "channel", Code.NOT_ALLOWED, 1)}),
    "bad submitter_type": (_set("zienswijzen", "submitter_type", 1, "bedrijf"),
                           {("zienswijzen", "submitter_type", Code.NOT_ALLOWED, 1)}),
    # dates
    "impossible date": (_set("zienswijzen", "received_on", 1, "2025-02-30"),
                        {("zienswijzen", "received_on", Code.WRONG_TYPE, 1)}),
    "no date": (_set("persoonsgegevens", "retain_until", 0, "over twee jaar"),
                {("persoonsgegevens", "retain_until", Code.WRONG_TYPE, 0)}),
    "posted after received": (_set("zienswijzen", "posted_on", 2, "2025-11-07"),
                              {("zienswijzen", "posted_on", Code.OUT_OF_RANGE, 2)}),
    # keys and references
    "number twice": (_set("zienswijzen", "number", 2, "ZW-2025-002"),
                     {("zienswijzen", "number", Code.DUPLICATE_KEY, 2),
                      # ZW-2025-003's point now refers to nothing
                      ("punten", "number", Code.DANGLING_REFERENCE, 3)}),
    "point of no zienswijze": (_set("punten", "number", 3, "ZW-2025-009"),
                               {("punten", "number", Code.DANGLING_REFERENCE, 3),
                                ("zienswijzen", "number", Code.DANGLING_REFERENCE, 2)}),
    "point twice": (_set("punten", "point", 2, "1"),
                    {("punten", "point", Code.DUPLICATE_KEY, 2)}),
    "point not a number": (_set("punten", "point", 0, "twee"),
                           {("punten", "point", Code.WRONG_TYPE, 0)}),
    "point zero": (_set("punten", "point", 0, "0"),
                   {("punten", "point", Code.WRONG_TYPE, 0)}),
    "zienswijze without points": (_both(_set("punten", "number", 0, "ZW-2025-002"),
                                        _set("punten", "point", 0, "3")),
                                  {("zienswijzen", "number", Code.DANGLING_REFERENCE, 0)}),
    "personal data of no zienswijze": (
        _set("persoonsgegevens", "number", 1, "ZW-2025-077"),
        {("persoonsgegevens", "number", Code.DANGLING_REFERENCE, 1)}),
    # public names
    "organisation without name": (_set("zienswijzen", "public_name", 1, ""),
                                  {("zienswijzen", "public_name", Code.MISSING_VALUE, 1)}),
    "public body without name": (_set("zienswijzen", "public_name", 2, ""),
                                 {("zienswijzen", "public_name", Code.MISSING_VALUE, 2)}),
    "private person with a name": (_set("zienswijzen", "public_name", 0, "Anna de Proef"),
                                   {("zienswijzen", "public_name", Code.NOT_ALLOWED, 0)}),
    # channel and change
    "posted_on by e-mail": (_set("zienswijzen", "posted_on", 0, "2025-09-29"),
                            {("zienswijzen", "posted_on", Code.NOT_ALLOWED, 0)}),
    "change without text": (_set("punten", "leads_to_change", 1, "ja"),
                            {("punten", "change", Code.MISSING_VALUE, 1)}),
    "not a yes or no": (_set("punten", "leads_to_change", 1, "misschien"),
                        {("punten", "leads_to_change", Code.WRONG_TYPE, 1)}),
    "change_ref not table:id": (_set("punten", "change_ref", 1, "WON-HTN-3"),
                                {("punten", "change_ref", Code.DANGLING_REFERENCE, 1)}),
    "change_ref of no table": (_set("punten", "change_ref", 1, "ontwikkelingen:WON-HTN-3"),
                               {("punten", "change_ref", Code.DANGLING_REFERENCE, 1)}),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_every_rule_refuses_its_case(case: str) -> None:
    change, expected = CASES[case]
    raw = _raw()
    change(raw)
    assert _problems(raw) == expected


def test_a_timeliness_column_is_checked_when_present() -> None:
    raw = _raw()
    raw["zienswijzen"]["timeliness"] = ["tijdig", "bijna", "te_laat"]
    assert _problems(raw) == {("zienswijzen", "timeliness", Code.NOT_ALLOWED, 1)}


def test_a_missing_column_is_named() -> None:
    raw = _raw()
    raw["persoonsgegevens"] = raw["persoonsgegevens"].drop(columns="email")
    assert _problems(raw) == {("persoonsgegevens", "email", Code.MISSING_COLUMN, None)}


def test_the_message_for_a_private_name_does_not_repeat_it() -> None:
    raw = _raw()
    raw["zienswijzen"].loc[0, "public_name"] = "Anna de Proef"
    register = c.normalise(c.Register(*raw.values()))
    [problem] = c.check_register(register.zienswijzen, register.points, register.personal)
    for lang in ("nl", "en"):
        text = problem.message(lang) + problem.hint(lang) + problem.place(lang)
        assert "Anna" not in text and "persoonsgegevens" in problem.hint(lang)


def test_known_ids_check_concerns_and_change_ref() -> None:
    raw = _raw()
    raw["punten"].loc[1, ["leads_to_change", "change", "change_ref"]] = [
        "ja", "meer woningen", "developments:WON-HTN-3;projects:P-XYZ"]
    raw["punten"].loc[2, "concerns"] = "MW-BET;P-HT0"
    known = {"projects": {"P-HTO"}, "developments": {"WON-HTN-3"}, "criteria": {"MW-BET"}}
    found = _problems(raw, known=known)
    assert found == {("punten", "change_ref", Code.DANGLING_REFERENCE, 1),
                     ("punten", "concerns", Code.DANGLING_REFERENCE, 2)}


def test_normalise_reads_what_people_type() -> None:
    raw = _raw()
    raw["zienswijzen"]["received_on"] = ["2025-09-30T00:00:00", "2-10-2025", " 2025-11-06 "]
    raw["punten"]["point"] = ["1.0", " 1", "2", "1"]
    raw["punten"]["leads_to_change"] = ["Nee", "FALSE", "0", None]
    register = c.normalise(c.Register(*raw.values()))
    assert list(register.zienswijzen["received_on"]) == ["2025-09-30", "2025-10-02",
                                                          "2025-11-06"]
    assert list(register.points["point"]) == [1, 1, 2, 1]
    assert list(register.points["leads_to_change"]) == [False] * 4
    assert c.parse_bool("Ja") is True and c.parse_bool("1") is True
    assert c.parse_bool("misschien") is None and c.parse_date("31-04-2025") is None


# --- timeliness ---------------------------------------------------------------------------------


def test_timeliness_at_the_edges_of_the_term() -> None:
    frame = pd.DataFrame({
        "received_on": ["2025-11-04", "2025-11-05", "2025-11-11", "2025-11-12", "2025-11-06",
                        "2025-09-24"],
        "posted_on": ["", "", "2025-11-04", "2025-11-04", "2025-11-05", ""]})
    got = c.with_timeliness(frame, END)["timeliness"].tolist()
    # received by the end; late; posted on the last day and received 7 days later; 8 days
    # later; posted a day late; the first day
    assert got == ["tijdig", "te_laat", "per_post_tijdig", "te_laat", "te_laat", "tijdig"]
    assert "timeliness" not in frame  # a copy


# --- public names, counts, numbers ----------------------------------------------------------------


def test_public_names_number_private_persons_in_order_of_registration() -> None:
    numbers = ["ZW-2025-010", "ZW-2025-002", "ZW-2025-9", "ZW-2025-001", "ZW-2025-011"]
    kinds = ["particulier", "overheid", "particulier", "particulier", "organisatie"]
    frame = pd.DataFrame({"number": numbers, "submitter_type": kinds,
                          "public_name": ["", "Gemeente Y", "", "", "Vereniging X"]},
                         index=[5, 3, 9, 1, 7])
    names = c.public_names(frame)
    private = sorted((int(n.rsplit("-", 1)[1]), i) for n, k, i in
                     zip(numbers, kinds, frame.index, strict=True) if k == "particulier")
    expected = {index: f"Particulier {n}" for n, (_, index) in enumerate(private, start=1)}
    expected.update({3: "Gemeente Y", 7: "Vereniging X"})
    assert names.to_dict() == expected
    assert expected[9] == "Particulier 2"  # 9 before 10: numbers compare as numbers


def test_counts_agree_with_a_plain_count() -> None:
    frame = c.with_timeliness(c.normalise(c.Register(*_raw().values())).zienswijzen, END)
    got = c.counts(frame)
    assert got["total"] == 3
    assert got["submitter_type"] == {"particulier": 1, "organisatie": 1, "overheid": 1}
    # ZW-2025-003: posted 3 November, received 6 November
    assert got["timeliness"] == {"tijdig": 2, "per_post_tijdig": 1, "te_laat": 0}
    assert got["late"] == 0
    with pytest.raises(ValueError, match="timeliness"):
        c.counts(frame.drop(columns="timeliness"))


def test_next_numbers_continue_after_the_highest_of_the_year() -> None:
    existing = ["ZW-2025-001", "ZW-2025-007", "ZW-2024-120", "rommel", "ZW-2025-003"]
    assert c.next_numbers(existing, 2025, 2) == ["ZW-2025-008", "ZW-2025-009"]
    assert c.next_numbers(existing, 2026, 1) == ["ZW-2026-001"]
    assert c.next_numbers(["ZW-2025-999"], 2025, 1) == ["ZW-2025-1000"]
    assert c.next_numbers([], 2025, 0) == []


# --- answers ------------------------------------------------------------------------------------


def _points() -> pd.DataFrame:
    return c.finalise(c.normalise(c.Register(*_raw().values()))).points


def test_answered_and_unanswered() -> None:
    points = _points()
    assert not c.answered(points) and len(c.unanswered(points)) == 4
    points.loc[[0, 2], "answer"] = "Dank u."
    assert list(c.unanswered(points).index) == [1, 3]
    points["answer"] = "Dank u."
    assert c.answered(points) and c.unanswered(points).empty


def test_apply_answers_fills_in_the_named_points_only() -> None:
    points = _points()
    before = points.copy()
    answers = pd.DataFrame({"number": ["ZW-2025-002"], "point": ["2"], "answer": ["Ja."],
                            "leads_to_change": ["ja"], "change": ["X aangepast"],
                            "change_ref": ["projects:P-HTO"]})
    out = c.apply_answers(points, answers)
    pd.testing.assert_frame_equal(points, before)  # pure: the input is unchanged
    assert out.loc[2, ["answer", "leads_to_change", "change", "change_ref"]].tolist() == [
        "Ja.", True, "X aangepast", "projects:P-HTO"]
    pd.testing.assert_frame_equal(out.drop(index=2), before.drop(index=2))


def test_apply_answers_refuses_an_unknown_point() -> None:
    points = _points()
    answers = pd.DataFrame({"number": ["ZW-2025-002", "ZW-2025-002"], "point": ["1", "3"],
                            "answer": ["Ja.", "Nee."], "leads_to_change": ["", ""],
                            "change": ["", ""], "change_ref": ["", ""]})
    with pytest.raises(ValidationError) as caught:
        c.apply_answers(points, answers)
    [problem] = caught.value.problems
    assert (problem.table, problem.column, problem.row, problem.got) == (
        c.ANSWERS, "point", 1, "ZW-2025-002/3")


def test_apply_answers_refuses_the_same_point_twice() -> None:
    answers = pd.DataFrame({"number": ["ZW-2025-001"] * 2, "point": ["1", "1"],
                            "answer": ["a", "b"], "leads_to_change": ["", ""],
                            "change": ["", ""], "change_ref": ["", ""]})
    with pytest.raises(ValidationError) as caught:
        c.apply_answers(_points(), answers)
    assert [(p.code, p.row) for p in caught.value.problems] == [(Code.DUPLICATE_KEY, 1)]


# --- the fictitious Utrecht example ---------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> c.Register:
    raw = c.Register(*(_csv(EXAMPLE / f"{name}.csv") for name in c.SHEETS))
    return c.finalise(c.normalise(raw))


@pytest.fixture(scope="module")
def utrecht_ids() -> dict[str, set[str]]:
    return {name: set(_csv(UTRECHT / f"{name}.csv")["id"])
            for name in ("projects", "assets", "developments", "criteria")}


def test_the_example_passes_with_real_ids(example: c.Register,
                                          utrecht_ids: dict[str, set[str]]) -> None:
    assert c.check_register(example.zienswijzen, example.points, example.personal,
                            known=utrecht_ids) == []
    answers = _csv(EXAMPLE / "antwoorden.csv")
    answered = c.apply_answers(example.points, answers)
    assert c.check_register(example.zienswijzen, answered, example.personal,
                            known=utrecht_ids) == []
    assert not c.answered(example.points) and c.answered(answered)
    changes = answered[answered["leads_to_change"]]
    assert 3 <= len(changes) <= 5
    assert all(ref.partition(":")[0] in {"projects", "developments"}
               for ref in changes["change_ref"])


def test_the_example_is_the_utrecht_consultation(example: c.Register) -> None:
    z = c.with_timeliness(example.zienswijzen, END)
    assert 20 <= len(z) <= 30
    assert z["received_on"].between("2025-09-24", "2025-11-30").all()
    kinds = z["submitter_type"].value_counts().to_dict()
    assert kinds == {"particulier": 10, "overheid": 8, "organisatie": 7}
    assert set(z["channel"]) == set(c.CHANNELS)
    late = z.set_index("number")["timeliness"]
    assert late[late != "tijdig"].to_dict() == {"ZW-2025-024": "per_post_tijdig",
                                                "ZW-2025-025": "te_laat"}
    per_point = example.points.groupby("number").size()
    assert per_point.between(1, 3).all() and set(per_point.index) == set(z["number"])


def test_the_example_is_marked_fictitious(example: c.Register) -> None:
    named = example.zienswijzen[example.zienswijzen["submitter_type"] != "particulier"]
    assert named["public_name"].str.endswith("(fictief)").all()
    personal = example.personal
    assert set(personal["number"]) == set(example.zienswijzen["number"])
    assert set(personal["retain_until"]) == {"2027-12-31"}
    emails = personal["email"][personal["email"] != ""]
    assert emails.str.fullmatch(r"[^@\s]+@([\w.-]+\.)?(example\.org|voorbeeld\.nl)").all()
    assert personal["address"].str.match(r"^(Voorbeeld\w+ \d+|Postbus \d+)$").all()
    assert "fictief voorbeeld" in (EXAMPLE / "README.md").read_text(encoding="utf-8")


def test_no_personal_value_is_in_the_public_columns(example: c.Register) -> None:
    public = " ".join(example.zienswijzen["public_name"]) + " ".join(
        example.points[["summary", "theme", "concerns"]].to_numpy().ravel())
    answers = " ".join(_csv(EXAMPLE / "antwoorden.csv")["answer"])
    text = re.sub(r"\s+", " ", (public + " " + answers).casefold())
    values = example.personal.drop(columns=["number", "retain_until"]).to_numpy().ravel()
    leaked = [v for v in values if v and v.casefold() in text]
    assert leaked == []
