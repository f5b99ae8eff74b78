"""The terinzagelegging term, timeliness and kennisgeving (pmiek.programme.terms).

Expectations are computed independently: Easter from ``dateutil.easter``, the fixed holidays
from a hand-written list, the roll-forward day by day (Atw art. 1).
"""

from __future__ import annotations

from datetime import date, timedelta
from importlib.resources import files

import numpy as np
import pandas as pd
import pytest
from dateutil.easter import easter as dateutil_easter

from pmiek.errors import InputError
from pmiek.programme.terms import (
    PER_POST_TIJDIG,
    TE_LAAT,
    TIJDIG,
    Channels,
    atw_holidays,
    dutch_date,
    easter,
    format_date,
    kb_days,
    kennisgeving,
    term,
    timeliness,
    timeliness_frame,
)

DAY = timedelta(days=1)


# --- the independent oracle --------------------------------------------------------------

FIXED = [(1, 1), (5, 5), (12, 25), (12, 26)]  # Nieuwjaarsdag, 5 mei, the two Kerstdagen
EASTER_OFFSETS = [-2, 1, 39, 50]  # Goede Vrijdag, Tweede Paasdag, Hemelvaart, Tweede Pinksterdag


def oracle_holidays(year: int) -> set[date]:
    sunday = dateutil_easter(year)
    days = {date(year, month, day) for month, day in FIXED}
    days |= {sunday + timedelta(days=offset) for offset in EASTER_OFFSETS}
    kings = date(year, 4, 27)
    if kings.strftime("%A") == "Sunday":
        kings = date(year, 4, 26)
    days.add(kings)
    return days


def oracle_end(start: date, weeks: int, extra: set[date]) -> date:
    end = start + timedelta(weeks=weeks) - DAY
    while end.isoweekday() in (6, 7) or end in oracle_holidays(end.year) or end in extra:
        end += DAY
    return end


def shipped_frame() -> pd.DataFrame:
    text = files("pmiek").joinpath("data/programme/kb_days.csv").read_text(encoding="utf-8")
    from io import StringIO

    return pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)


SHIPPED = kb_days(shipped_frame())


def constructed_extra() -> dict[date, str]:
    """The Friday after Hemelvaart every year (as a KB does in practice) and some random
    weekdays, each with a made-up decree name."""
    extra = {dateutil_easter(y) + timedelta(days=40): f"Testbesluit {y}" for y in range(2023, 2037)}
    rng = np.random.default_rng(17)
    for offset in rng.integers(0, 13 * 366, size=40):
        day = date(2023, 6, 1) + timedelta(days=int(offset))
        extra[day] = "Testbesluit willekeurig"
    return extra


# --- Easter and holidays -----------------------------------------------------------------


def test_easter_equals_dateutil_for_four_centuries() -> None:
    for year in range(1700, 2300):
        assert easter(year) == dateutil_easter(year), year


def test_holidays_equal_the_hand_written_list() -> None:
    for year in range(2014, 2101):
        assert set(atw_holidays(year)) == oracle_holidays(year), year


def test_koningsdag_2025_is_26_april() -> None:
    assert date(2025, 4, 27).strftime("%A") == "Sunday"
    days = atw_holidays(2025)
    assert days.get(date(2025, 4, 26)) == "Koningsdag"
    assert date(2025, 4, 27) not in days
    assert atw_holidays(2026).get(date(2026, 4, 27)) == "Koningsdag"


def test_goede_vrijdag_counts() -> None:
    assert atw_holidays(2025).get(date(2025, 4, 18)) == "Goede Vrijdag"
    # a term nominally ending on Goede Vrijdag 2025 runs past Easter to Tuesday 22 April
    start = date(2025, 4, 18) - timedelta(days=41)
    assert term(start).end == date(2025, 4, 22)
    assert [d for d, _ in term(start).moved_past] == [date(2025, 4, d) for d in (18, 19, 20, 21)]


def test_5_mei_counts_every_year() -> None:
    for year in range(1990, 2101):
        assert "Bevrijdingsdag" in atw_holidays(year).get(date(year, 5, 5), ""), year
    # Hemelvaartsdag on 5 mei (2005, 2016): one day, both names
    assert atw_holidays(2016)[date(2016, 5, 5)] == "Bevrijdingsdag en Hemelvaartsdag"
    # Tuesday 5 May 2026 (not a lustrum year) still moves the end to Wednesday
    assert term(date(2026, 5, 5) - timedelta(days=41)).end == date(2026, 5, 6)


def test_extra_days_only_in_their_year_and_named_by_their_decree() -> None:
    extra = {date(2026, 5, 15): "Besluit X", date(2027, 5, 7): "Besluit Y"}
    assert atw_holidays(2026, extra)[date(2026, 5, 15)] == "Besluit X"
    assert date(2027, 5, 7) not in atw_holidays(2026, extra)
    assert date(2026, 5, 15) not in atw_holidays(2026)


# --- the term ----------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [
    (date(2020, 9, 22), date(2020, 11, 2)),
    (date(2021, 6, 1), date(2021, 7, 12)),
    (date(2025, 9, 24), date(2025, 11, 4)),
])
def test_utrecht_periods(start: date, end: date) -> None:
    for extra in (None, SHIPPED):
        found = term(start, extra=extra)
        assert found.end == end
        assert found.nominal_end == end  # none of them needed moving
        assert found.days == 42
        assert found.moved_past == ()


@pytest.mark.parametrize("which", ["none", "shipped", "constructed"])
def test_every_start_day_2024_2035_agrees_with_the_oracle(which: str) -> None:
    extra = {"none": {}, "shipped": SHIPPED, "constructed": constructed_extra()}[which]
    day, moved, into_next_year = date(2024, 1, 1), 0, 0
    while day <= date(2035, 12, 31):
        found = term(day, extra=extra)
        expected = oracle_end(day, 6, set(extra))
        assert found.end == expected, day
        assert found.nominal_end == day + timedelta(days=41)
        assert [d for d, _ in found.moved_past] == \
            [found.nominal_end + k * DAY for k in range((expected - found.nominal_end).days)]
        moved += found.end != found.nominal_end
        into_next_year += found.end.year > found.nominal_end.year
        day += DAY
    assert moved > 1000 and into_next_year > 0  # the check exercised the roll-forward


@pytest.mark.parametrize(("name", "offset"), [("Tweede Paasdag", 1), ("Tweede Pinksterdag", 50)])
def test_saturday_followed_by_a_monday_holiday_ends_on_tuesday(name: str, offset: int) -> None:
    found = []
    for year in range(2000, 2101):
        monday = dateutil_easter(year) + timedelta(days=offset)
        saturday = monday - 2 * DAY
        tuesday_free = monday + DAY not in oracle_holidays(year)  # not Koningsdag (2038)
        if saturday.isoweekday() == 6 and monday.isoweekday() == 1 and tuesday_free:
            found.append((saturday, monday))
    assert found
    for saturday, monday in found:
        result = term(saturday - timedelta(days=41))
        assert result.nominal_end == saturday
        assert result.end == monday + DAY
        assert result.end.isoweekday() == 2
        assert result.moved_past[0] == (saturday, "zaterdag")
        assert result.moved_past[-1] == (monday, name)


def test_a_kb_day_moves_the_end_and_is_named() -> None:
    friday = date(2026, 5, 15)  # the Friday after Hemelvaart 2026, in the shipped file
    assert friday in SHIPPED
    start = friday - timedelta(days=41)
    assert term(start).end == friday
    with_kb = term(start, extra=SHIPPED)
    assert with_kb.end == date(2026, 5, 18)
    assert with_kb.moved_past[0] == (friday, SHIPPED[friday])


def test_year_change_past_christmas_and_new_year() -> None:
    # nominal end Saturday 31 December 2033; Sunday 1 January 2034 is Nieuwjaarsdag too
    start = date(2033, 12, 31) - timedelta(days=41)
    found = term(start)
    assert found.end == date(2034, 1, 2)
    assert found.moved_past[-1] == (date(2034, 1, 1), "Nieuwjaarsdag (zondag)")


def test_weeks_are_configurable() -> None:
    start = date(2025, 9, 24)
    eight = term(start, weeks=8)
    assert eight.weeks == 8
    assert eight.nominal_end == start + timedelta(days=55)
    assert eight.end == oracle_end(start, 8, set())
    assert term(start, weeks=1).nominal_end == start + timedelta(days=6)


@pytest.mark.parametrize("weeks", [0, -1, True, 2.5])
def test_fewer_than_one_week_is_refused(weeks: object) -> None:
    with pytest.raises(InputError) as caught:
        term(date(2025, 9, 24), weeks=weeks)  # type: ignore[arg-type]
    assert "week" in caught.value.in_language("nl") and "week" in caught.value.in_language("en")


# --- KB days -----------------------------------------------------------------------------


def test_shipped_kb_days_are_sourced_working_days() -> None:
    frame = shipped_frame()
    assert list(frame.columns) == ["date", "decree", "source"]
    assert len(SHIPPED) == len(frame) > 0
    assert frame["source"].str.startswith("https://").all()
    for day in SHIPPED:
        assert day.isoweekday() <= 5, day  # a decree equates working days, never a weekend
        assert day not in oracle_holidays(day.year), day


def test_kb_days_refuse_a_bad_frame_naming_row_and_column() -> None:
    frame = pd.DataFrame({"date": ["2026-05-15", "2026-02-30", "2027-05-07", "2026-05-15"],
                          "decree": ["Besluit A", "Besluit A", "", "Besluit A"],
                          "source": ["", "", "", ""]})
    with pytest.raises(InputError) as caught:
        kb_days(frame)
    nl, en = caught.value.in_language("nl"), caught.value.in_language("en")
    assert "rij 3, kolom date" in nl and "'2026-02-30'" in nl
    assert "rij 4, kolom decree" in nl
    assert "rij 5, kolom date" in nl  # the duplicate
    assert "row 3, column date" in en and "row 4, column decree" in en
    assert "rij 2" not in nl


def test_kb_days_refuse_missing_columns() -> None:
    with pytest.raises(InputError) as caught:
        kb_days(pd.DataFrame({"date": ["2026-05-15"], "source": [""]}))
    assert "decree" in caught.value.in_language("nl")


def test_kb_days_accept_dates_and_empty_sources() -> None:
    frame = pd.DataFrame({"date": [date(2026, 5, 15), pd.Timestamp("2027-05-07")],
                          "decree": ["Besluit A", "Besluit B"], "source": [None, ""]})
    assert kb_days(frame) == {date(2026, 5, 15): "Besluit A", date(2027, 5, 7): "Besluit B"}


# --- timeliness --------------------------------------------------------------------------

END = date(2025, 11, 4)


def test_timeliness_cases_and_boundaries() -> None:
    assert timeliness(END - 10 * DAY, None, END) == TIJDIG
    assert timeliness(END, None, END) == TIJDIG
    assert timeliness(END, END + DAY, END) == TIJDIG  # received in time: the postmark is moot
    assert timeliness(END + DAY, None, END) == TE_LAAT
    assert timeliness(END + 7 * DAY, END, END) == PER_POST_TIJDIG
    assert timeliness(END + 3 * DAY, END - 2 * DAY, END) == PER_POST_TIJDIG
    assert timeliness(END + 8 * DAY, END, END) == TE_LAAT
    assert timeliness(END + 2 * DAY, END + DAY, END) == TE_LAAT  # posted too late


def scalar_reference(received: date, posted: date | None, end: date) -> str:
    """The rule of Awb 6:9 written out independently of the code."""
    if received <= end:
        return "tijdig"
    if posted is not None and posted <= end and (received - end).days <= 7:
        return "per_post_tijdig"
    return "te_laat"


def test_frame_equals_scalar_on_random_data() -> None:
    rng = np.random.default_rng(2025)
    n = 2000
    received = [END + timedelta(days=int(k)) for k in rng.integers(-30, 20, size=n)]
    posted: list[date | None] = [
        None if rng.random() < 0.4 else r - timedelta(days=int(k))
        for r, k in zip(received, rng.integers(0, 12, size=n), strict=True)]
    index = pd.RangeIndex(100, 100 + n)
    as_dates = timeliness_frame(pd.Series(received, index=index),
                                pd.Series(posted, index=index, dtype=object), END)
    as_text = timeliness_frame(pd.Series([d.isoformat() for d in received]),
                               pd.Series([d.isoformat() if d else "" for d in posted]), END)
    as_stamps = timeliness_frame(pd.Series(pd.to_datetime(received)),
                                 pd.Series(pd.to_datetime(posted)), END)
    expected = [scalar_reference(r, p, END) for r, p in zip(received, posted, strict=True)]
    assert list(as_dates.index) == list(index)
    assert as_dates.tolist() == expected
    assert as_text.tolist() == expected
    assert as_stamps.tolist() == expected
    assert [timeliness(r, p, END) for r, p in zip(received, posted, strict=True)] == expected
    assert set(expected) == {"tijdig", "per_post_tijdig", "te_laat"}


def test_frame_ignores_time_of_day_and_handles_empty() -> None:
    received = pd.Series(["2025-11-04 23:59", "2025-11-11", "2025-11-12"])
    posted = pd.Series([None, "2025-11-04", "2025-11-04"])
    assert timeliness_frame(received, posted, END).tolist() == \
        ["tijdig", "per_post_tijdig", "te_laat"]
    assert timeliness_frame(pd.Series([], dtype=object), pd.Series([], dtype=object),
                            END).tolist() == []


def test_frame_refuses_bad_dates_naming_the_row() -> None:
    with pytest.raises(InputError) as caught:
        timeliness_frame(pd.Series(["2025-11-01", "gisteren", ""]), pd.Series(["", "", ""]), END)
    assert "received_on" in caught.value.in_language("nl")
    assert "3, 4" in caught.value.in_language("en")
    with pytest.raises(InputError):
        timeliness_frame(pd.Series(["2025-11-01"]), pd.Series(["31-10-2025"]), END)
    with pytest.raises(InputError):
        timeliness_frame(pd.Series(["2025-11-01"]), pd.Series(["", ""]), END)


# --- dates in words and the kennisgeving -------------------------------------------------

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]


def test_dutch_date() -> None:
    for month, name in enumerate(MONTHS_NL, start=1):
        assert dutch_date(date(2025, month, 3)) == f"3 {name} 2025"
    assert format_date(date(2025, 9, 24), "en") == "24 September 2025"


CHANNELS = Channels(postal_address="Postbus 80300, 3508 TH Utrecht",
                    electronic="zienswijze-pmiek@example.org",
                    appointment="telefoon 030 000 0000",
                    online="https://example.org/pmiek")


def test_kennisgeving_in_dutch() -> None:
    text = kennisgeving("P-MIEK 2.0 Utrecht", term(date(2025, 9, 24)),
                        places=["Provinciehuis, Archimedeslaan 6, Utrecht"], channels=CHANNELS)
    lower = text.lower()
    assert "van 24 september 2025 tot en met 4 november 2025" in text
    assert "eenieder" in lower
    for needle in ("Postbus 80300, 3508 TH Utrecht", "zienswijze-pmiek@example.org",
                   "telefoon 030 000 0000", "https://example.org/pmiek",
                   "Provinciehuis, Archimedeslaan 6, Utrecht", "Gedeputeerde Staten van Utrecht",
                   "P-MIEK 2.0 Utrecht", "Nota van Beantwoording"):
        assert needle in text, needle
    assert "schriftelijk" in lower and "elektronisch" in lower and "mondeling" in lower
    assert "verslag" in lower and "persoonsgegevens" in lower and "zes weken" in lower
    assert not any(month in text for month in ("September", "November"))


def test_kennisgeving_in_english_with_a_longer_term() -> None:
    text = kennisgeving("P-MIEK 2.0 Utrecht", term(date(2025, 9, 24), weeks=8),
                        body="Provincial Executive of Utrecht", places=["A", "B", "C"],
                        channels=CHANNELS, lang="en")
    assert "from 24 September 2025 up to and including 18 November 2025" in text
    assert "Anyone" in text and "eight weeks" in text and "A, B and C" in text
    assert "zienswijze-pmiek@example.org" in text and "report" in text
    assert "personal data are not published" in text


def test_kennisgeving_needs_a_place_or_a_web_address() -> None:
    online_only = kennisgeving("P", term(date(2025, 9, 24)), places=[], channels=CHANNELS)
    assert "https://example.org/pmiek" in online_only and "ter inzage bij" not in online_only
    nowhere = Channels(postal_address="Postbus 1", electronic="a@b.nl", appointment="030")
    with pytest.raises(InputError):
        kennisgeving("P", term(date(2025, 9, 24)), places=[], channels=nowhere)
