"""Issue 13, "every failure is a message": the named cases of tracebacks in the CLI's own
rendering (rich markup in paths and names) and the documented exit codes — 4 with a log file in
the user's cache folder for an unexpected error, 130 for Ctrl-C, 2 for a refused option or a
store that cannot do what was asked."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pmiek.adapters.cli import common
from pmiek.adapters.cli.main import build_app, main
from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.errors import StoreError

runner = CliRunner()
WIDE = {"COLUMNS": "300", "PMIEK_LANG": "nl"}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache folder, in a temporary folder (platformdirs follows XDG_CACHE_HOME)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def _logs(cache: Path) -> list[Path]:
    return sorted((cache / "pmiek" / "logs").glob("*.log"))


def _broken_read(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a fault deep inside pmiek")


def test_rich_markup_in_a_path_is_shown_literally_not_a_traceback(tmp_path: Path) -> None:
    """Tracebacks instead of messages: rich-markup characters in paths. ``[/y]`` in a path
    was read as a closing tag that matches nothing: rich's MarkupError, a traceback."""
    folder = tmp_path / "x[" / "y]" / "ws"  # the path's text holds "[/y]"
    folder.parent.mkdir(parents=True)
    write_workspace(read_workspace("example").workspace, folder)
    result = runner.invoke(build_app("nl"), ["validate", str(folder)], env=WIDE)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert result.exit_code == 0, result.output
    assert f"{folder}: in orde" in result.output.replace("\n", "")


def test_rich_markup_in_a_name_is_shown_literally_not_a_traceback(tmp_path: Path) -> None:
    """Tracebacks instead of messages: rich-markup characters in names. ``pmiek summary``
    shows the sectors of a workspace even when it has errors; a sector ``[/x]`` ended in
    rich's MarkupError."""
    ws = read_workspace("example").workspace
    developments = ws.developments.copy()
    developments.loc[developments.index[0], "sector"] = "[/x]"
    folder = tmp_path / "ws"
    write_workspace(ws.with_tables(developments=developments), folder)
    result = runner.invoke(build_app("nl"), ["summary", str(folder)], env=WIDE)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert result.exit_code == 0, result.output
    assert "[/x]" in result.output


def test_unexpected_error_is_a_message_with_a_log_file_and_exit_4(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every failure is a message: an unexpected exception prints a short message with the
    path of a log file in the user's cache folder, which holds the traceback; exit 4."""
    monkeypatch.setattr(common, "read_workspace", _broken_read)
    result = runner.invoke(build_app("nl"), ["validate", "example"], env=WIDE)
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output
    assert "Onverwachte fout" in result.output and "RuntimeError" in result.output
    logs = _logs(cache)
    assert len(logs) == 1
    assert str(logs[0]) in result.output.replace("\n", "")
    kept = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in kept and "a fault deep inside pmiek" in kept
    assert "_broken_read" in kept  # the frame that raised


def test_unexpected_error_through_the_real_entry_point(
        cache: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The same through the ``pmiek`` script's entry point, in English: no traceback on
    stdout or stderr (typer's pretty exceptions included), exit 4, the log file named."""
    monkeypatch.setattr(common, "read_workspace", _broken_read)
    with pytest.raises(SystemExit) as stop:
        main(["validate", "example", "--lang", "en"])
    assert stop.value.code == 4
    shown = capsys.readouterr()
    assert "Traceback" not in shown.out + shown.err
    assert "Unexpected error" in shown.err
    logs = _logs(cache)
    assert len(logs) == 1 and logs[0].name in shown.err.replace("\n", "")


def test_unexpected_error_in_a_sub_command_group(cache: Path) -> None:
    """The catch holds for every command, also one in a group under the root (as ``db``)."""
    app = build_app("en")
    group = typer.Typer()

    @group.command("fault")
    def fault() -> None:
        raise KeyError("nothing here")

    @group.command("other")
    def other() -> None:
        """A second command, so that the group stays a group."""

    app.add_typer(group, name="group")
    result = runner.invoke(app, ["group", "fault"], env=WIDE)
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output and "KeyError" in result.output
    assert len(_logs(cache)) == 1


def test_ctrl_c_is_a_short_message_and_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupted run ends with a short message, not a traceback or a silent stop."""
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(common, "read_workspace", interrupted)
    result = runner.invoke(build_app("nl"), ["validate", "example"], env=WIDE)
    assert result.exit_code == 130
    assert "Onderbroken" in result.output and "Traceback" not in result.output


def test_store_error_that_is_no_conflict_is_invalid_input_exit_2(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that cannot do what was asked (unknown name, not upgraded, unreadable) is
    invalid input or options: exit 2, with the store's message."""
    def unknown(*args: object, **kwargs: object) -> None:
        raise StoreError("Unknown workspace 'nergens' in the store.")

    monkeypatch.setattr(common, "read_workspace", unknown)
    result = runner.invoke(build_app("en"), ["validate", "nergens"], env=WIDE)
    assert result.exit_code == 2, result.output
    assert "Unknown workspace 'nergens'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [["validate", "--horizon", "soon"],
                                  ["variants", "--gap", "2"],
                                  ["validate", "--no-such-option"],
                                  ["no-such-command"]])
def test_refused_options_exit_2_without_traceback(args: list[str]) -> None:
    """Options that click or typer refuse: exit 2 with the usage, no traceback."""
    result = runner.invoke(build_app("en"), args, env=WIDE)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Usage" in result.output


def test_unexpected_error_without_a_writable_cache_is_still_a_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the log file cannot be made (the cache folder is a file), the message says so and
    names the reason; still exit 4 and no traceback."""
    blocked = tmp_path / "cache"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(common, "read_workspace", _broken_read)
    result = runner.invoke(build_app("en"), ["validate", "example"], env=WIDE)
    assert result.exit_code == 4, result.output
    assert "could not be kept" in result.output and "RuntimeError" in result.output
    assert "Traceback" not in result.output
    assert blocked.read_text(encoding="utf-8") == "not a folder"
