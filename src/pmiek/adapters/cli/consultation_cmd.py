"""``pmiek consultation``: the terinzagelegging of an edition and what comes of it.

``period START`` computes the term (Awb 3:16, Algemene termijnenwet) and, with
``--kennisgeving``, the text of the kennisgeving; ``template`` writes the zienswijzen
workbook; ``import`` reads a filled one (or a folder of CSV files) into an edition that lies
open for inspection, all or nothing, with the timeliness of each zienswijze; ``list`` shows
the register (``--personal`` the personal data, for kernteam and beheerder only); ``answer``
stores the answers; ``memo`` writes the Nota van Beantwoording (DOCX) and its public data
(CSV and JSON, CC0, without personal data); ``letters`` the acknowledgements; ``erase`` the
personal data whose retention period has passed.
"""

# No ``from __future__ import annotations``: typer reads the annotations at run time.
import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from pmiek.adapters.cli.common import console
from pmiek.adapters.cli.i18n import text
from pmiek.adapters.cli.programme_common import (
    as_option,
    consultation_store,
    day,
    db_option,
    frame_table,
)

KB_DAYS = Path(__file__).resolve().parents[2] / "data" / "programme" / "kb_days.csv"
"""The days a royal decree equates with an Atw holiday (Atw art. 3(3)), with the decree."""


PARTICIPATION_FILE = "participatieparagraaf.txt"
"""The Omgevingsbesluit art. 10.8 paragraph, beside the Nota's public data."""


REASONS_EN = {
    "zaterdag": "Saturday", "zondag": "Sunday", "Nieuwjaarsdag": "New Year's Day",
    "Goede Vrijdag": "Good Friday", "Tweede Paasdag": "Easter Monday",
    "Koningsdag": "King's Day", "Koninginnedag": "Queen's Day",
    "Bevrijdingsdag": "Liberation Day", "Hemelvaartsdag": "Ascension Day",
    "Tweede Pinksterdag": "Whit Monday", "Eerste Kerstdag": "Christmas Day",
    "Tweede Kerstdag": "Boxing Day", " en ": " and ",
}
"""The reasons a term's end moves, in English (a royal decree keeps its Dutch name)."""


def reason_in(reason: str, lang: str) -> str:
    """Why the end moved past a day (:attr:`pmiek.programme.terms.Term.moved_past`), in
    ``lang``."""
    if lang != "en":
        return reason
    for dutch, english in REASONS_EN.items():
        reason = reason.replace(dutch, english)
    return reason


def kb_extra() -> dict[dt.date, str]:
    """The shipped KB days."""
    from pmiek.programme.terms import kb_days

    return kb_days(pd.read_csv(KB_DAYS, dtype=str, keep_default_na=False))


def period_of(start: dt.date, weeks: int = 6) -> Any:
    """The term of a terinzagelegging from ``start`` (with the shipped KB days)."""
    from pmiek.programme.terms import term

    return term(start, weeks, kb_extra())


def add_consultation_commands(app: typer.Typer, lang: str) -> None:
    """Register the ``consultation`` group on ``app``."""
    consult_app = typer.Typer(help=text("consult.help", lang), no_args_is_help=True)
    app.add_typer(consult_app, name="consultation")
    _add_period(consult_app, lang)
    _add_template_import(consult_app, lang)
    _add_list_answer(consult_app, lang)
    _add_memo(consult_app, lang)
    _add_letters_erase(consult_app, lang)


def _lang_option(lang: str) -> Any:
    return typer.Option("--lang", help=text("lang", lang))


def _add_period(consult_app: typer.Typer, lang: str) -> None:
    @consult_app.command("period", help=text("consult.period.help", lang))
    def period(*, start: Annotated[str, typer.Argument(help=text("consult.start", lang))],
               weeks: Annotated[int, typer.Option("--weeks", min=1, max=52,
                                                  help=text("consult.weeks", lang))] = 6,
               notice: Annotated[bool, typer.Option(
                   "--kennisgeving", help=text("consult.notice", lang))] = False,
               programme: Annotated[str, typer.Option(
                   "--programme", help=text("consult.programme", lang))] = "P-MIEK",
               as_json: Annotated[bool, typer.Option("--json", help=text("json", lang))] =
               False,
               language: Annotated[str, _lang_option(lang)] = lang) -> None:
        from pmiek.programme.terms import Channels, format_date, kennisgeving

        found = period_of(day(start, "START"), weeks)
        if as_json:
            typer.echo(json.dumps({
                "start": found.start.isoformat(), "weeks": weeks,
                "nominal_end": found.nominal_end.isoformat(), "end": found.end.isoformat(),
                "moved_past": [[d.isoformat(), why] for d, why in found.moved_past]},
                ensure_ascii=False, indent=1))
            return
        shown = console()
        shown.print(text("consult.period_words", lang, start=format_date(found.start, lang),
                         end=format_date(found.end, lang), weeks=weeks, days=found.days))
        for skipped, why in found.moved_past:
            shown.print(text("consult.moved", lang, day=format_date(skipped, lang),
                             why=reason_in(why, lang)))
        if notice:
            channels = Channels(postal_address=text("consult.example_post", lang),
                                electronic=text("consult.example_mail", lang),
                                appointment=text("consult.example_phone", lang),
                                online=text("consult.example_online", lang))
            shown.print(kennisgeving(programme, found, places=[text("consult.example_place",
                                                                   lang)],
                                     channels=channels, lang=lang), markup=False)


def _add_template_import(consult_app: typer.Typer, lang: str) -> None:
    @consult_app.command("template", help=text("consult.template.help", lang))
    def template(*, file: Annotated[Path, typer.Argument(help=text("consult.file", lang))],
                 overwrite: Annotated[bool, typer.Option("--overwrite",
                                                         help=text("overwrite", lang))] = False,
                 language: Annotated[str, _lang_option(lang)] = lang) -> None:
        from pmiek.adapters.files.consultation_xlsx import write_template

        write_template(file, lang=lang, overwrite=overwrite)
        console().print(text("consult.template_written", lang, file=file))

    @consult_app.command("import", help=text("consult.import.help", lang))
    def import_(*, edition: Annotated[str, typer.Argument(help=text("edition.name", lang))],
                source: Annotated[Path, typer.Argument(help=text("consult.source", lang))],
                user: Annotated[str | None, as_option(lang)] = None,
                db: Annotated[str | None, db_option(lang)] = None,
                language: Annotated[str, _lang_option(lang)] = lang) -> None:
        from pmiek.adapters.files.consultation_xlsx import read_register
        from pmiek.programme.consultation import counts, with_timeliness
        from pmiek.programme.personal import personal_in_register, refusal

        register = read_register(source)
        typed = personal_in_register(register.zienswijzen, register.points, register.personal)
        if typed:
            raise refusal(typed)
        with consultation_store(db, user) as consult:
            info = consult.edition(edition)
            if info.inzage_end is None:
                raise typer.BadParameter(text("consult.not_open", lang, edition=edition))
            zienswijzen = with_timeliness(register.zienswijzen,
                                          dt.date.fromisoformat(info.inzage_end))
            n = consult.import_register(edition, zienswijzen, register.points,
                                        register.personal)
        found = counts(zienswijzen)
        console().print(text("consult.imported", lang, n=n, points=len(register.points),
                             edition=edition, late=found["late"]))


def _add_list_answer(consult_app: typer.Typer, lang: str) -> None:
    @consult_app.command("list", help=text("consult.list.help", lang))
    def list_(*, edition: Annotated[str, typer.Argument(help=text("edition.name", lang))],
              personal: Annotated[bool, typer.Option(
                  "--personal", help=text("consult.personal", lang))] = False,
              user: Annotated[str | None, as_option(lang)] = None,
              db: Annotated[str | None, db_option(lang)] = None,
              as_json: Annotated[bool, typer.Option("--json", help=text("json", lang))] =
              False,
              language: Annotated[str, _lang_option(lang)] = lang) -> None:
        from pmiek.programme.consultation import public_names

        with consultation_store(db, user) as consult:
            register = consult.register(edition, personal=personal)
        shown = register.zienswijzen.assign(indiener=public_names(register.zienswijzen))
        shown = shown.drop(columns=["public_name"])
        if as_json:
            typer.echo(json.dumps({
                "zienswijzen": shown.to_dict("records"),
                "points": register.points.to_dict("records"),
                **({"personal_data": register.personal.to_dict("records")} if personal
                   else {})}, ensure_ascii=False, indent=1, default=str))
            return
        out = console()
        out.print(frame_table(shown, text("consult.register", lang, edition=edition)))
        out.print(frame_table(register.points, text("consult.points", lang),
                              ["number", "point", "theme", "summary", "leads_to_change"]))
        if personal:
            out.print(frame_table(register.personal, text("consult.personal_title", lang)))

    @consult_app.command("answer", help=text("consult.answer.help", lang))
    def answer(*, edition: Annotated[str, typer.Argument(help=text("edition.name", lang))],
               file: Annotated[Path, typer.Argument(help=text("consult.answers", lang))],
               user: Annotated[str | None, as_option(lang)] = None,
               db: Annotated[str | None, db_option(lang)] = None,
               language: Annotated[str, _lang_option(lang)] = lang) -> None:
        from pmiek.adapters.files.consultation_xlsx import read_answers
        from pmiek.programme.consultation import apply_answers, unanswered
        from pmiek.programme.personal import personal_in_register, refusal

        answers = read_answers(file)
        with consultation_store(db, user) as consult:
            stored = consult.register(edition, personal=True)
            checked = apply_answers(stored.points, answers)  # refuses unknown points, whole
            found = personal_in_register(stored.zienswijzen, checked, stored.personal)
            if found:
                raise refusal(found)
            n = consult.answer(edition, answers)
        console().print(text("consult.answered", lang, n=n, edition=edition,
                             left=len(unanswered(checked))))


def _add_memo(consult_app: typer.Typer, lang: str) -> None:
    @consult_app.command("memo", help=text("consult.memo.help", lang))
    def memo(*, edition: Annotated[str, typer.Argument(help=text("edition.name", lang))],
             out: Annotated[Path, typer.Option("--out", help=text("consult.memo_out", lang))],
             data: Annotated[Path | None, typer.Option(
                 "--data", help=text("consult.memo_data", lang), show_default=False)] = None,
             overwrite: Annotated[bool, typer.Option("--overwrite",
                                                     help=text("overwrite", lang))] = False,
             user: Annotated[str | None, as_option(lang)] = None,
             db: Annotated[str | None, db_option(lang)] = None,
             language: Annotated[str, _lang_option(lang)] = lang) -> None:
        from pmiek.adapters.files.nota_docx import write_nota, write_public
        from pmiek.programme.nota import nota_content, participation_paragraph, public_frames

        with consultation_store(db, user) as consult:
            info = consult.edition(edition)
            register = consult.register(edition)
            decisions = consult.decisions(edition)
        period = {"start": info.inzage_start, "end": info.inzage_end,
                  "weeks": info.inzage_weeks, "kennisgeving": info.kennisgeving or ""}
        content = nota_content(edition, register.zienswijzen, register.points, decisions,
                               period, lang=lang)
        write_nota(content, out, overwrite=overwrite)
        folder = data if data is not None else out.parent
        paragraph = participation_paragraph(decisions, period, register.zienswijzen, lang=lang)
        paths = write_public(public_frames(register.zienswijzen, register.points), folder,
                             content, overwrite=overwrite,
                             texts={PARTICIPATION_FILE: paragraph})
        console().print(text("consult.memo_written", lang, file=out, n=len(paths),
                             folder=folder))


def _add_letters_erase(consult_app: typer.Typer, lang: str) -> None:
    @consult_app.command("letters", help=text("consult.letters.help", lang))
    def letters(*, edition: Annotated[str, typer.Argument(help=text("edition.name", lang))],
                out: Annotated[Path, typer.Option("--out", help=text("out", lang))],
                overwrite: Annotated[bool, typer.Option("--overwrite",
                                                        help=text("overwrite", lang))] = False,
                user: Annotated[str | None, as_option(lang)] = None,
                db: Annotated[str | None, db_option(lang)] = None,
                language: Annotated[str, _lang_option(lang)] = lang) -> None:
        from pmiek.adapters.files.nota_docx import write_acknowledgements
        from pmiek.programme.nota import acknowledgement

        with consultation_store(db, user) as consult:
            register = consult.register(edition, personal=True)
        people = register.personal.set_index("number")
        texts = {}
        for row in register.zienswijzen.itertuples():
            person = people.loc[row.number] if row.number in people.index else None
            whom = (person["name"] if person is not None else "") or row.public_name or ""
            address = "" if person is None else "\n".join(
                part for part in (row.public_name, person["name"], person["address"],
                                  f"{person['postcode']} {person['city']}".strip()) if part)
            letter = acknowledgement(row.number, whom, row.received_on, edition, lang=lang)
            texts[row.number] = f"{address}\n\n{letter}" if address else letter
        paths = write_acknowledgements(texts, out, overwrite=overwrite)
        console().print(text("consult.letters_written", lang, n=len(paths), out=out))

    @consult_app.command("erase", help=text("consult.erase.help", lang))
    def erase(*, edition: Annotated[str, typer.Argument(help=text("edition.name", lang))],
              today: Annotated[str | None, typer.Option(
                  "--today", help=text("consult.today", lang), show_default=False)] = None,
              user: Annotated[str | None, as_option(lang)] = None,
              db: Annotated[str | None, db_option(lang)] = None,
              language: Annotated[str, _lang_option(lang)] = lang) -> None:
        with consultation_store(db, user) as consult:
            n = consult.erase_personal(edition, day(today, "--today"))
        console().print(text("consult.erased", lang, n=n, edition=edition))
