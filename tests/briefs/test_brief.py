"""The delegation brief of a demo round, read back with pypdf: content, scripts, secrets, structure, files."""

from __future__ import annotations

import re
import threading

import pytest
from reportlab.platypus import Flowable

from dialogue_planner.briefs import brief as brief_module
from dialogue_planner.briefs.brief import write_brief
from dialogue_planner.briefs.brief_content import SHAREABLE_OMISSIONS, gather_brief
from dialogue_planner.briefs.document import DocumentCancelled, DocumentWriteError
from dialogue_planner.errors import NotFoundError
from dialogue_planner.services import records
from dialogue_planner.services.agenda import agenda_of
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.dialogues import add_country, set_engagement_level, start_dialogue
from dialogue_planner.services.followups import open_followups_before
from dialogue_planner.services.network import delegation_of
from dialogue_planner.services.projects import list_projects
from dialogue_planner.services.rounds import earlier_rounds, plan_round
from dialogue_planner.storage import models as m
from tests.briefs.conftest import DEMO_TODAY, PdfText, round_id_of

SECRET_CASE = "Mật Danh Bí 秘密人 (Secret Person)"
SECRET_SUMMARY = "Hidden summary of the planted confidential case"
SECRET_ROUND_NOTE = "Planted round note: the minister's private line"
SECRET_AGENDA_NOTE = "Planted agenda note: source in the ministry"
OPEN_CASE = "Trần Văn Công (shareable)"
SECRETS = (SECRET_CASE, SECRET_SUMMARY, SECRET_ROUND_NOTE, SECRET_AGENDA_NOTE,
           # the demo's own confidential cases and the previous round's confidential note
           "赵立新 (Zhao Lixin)", "陈雪梅 (Chen Xuemei)", "Partner hinted privately that a prison visit")


@pytest.fixture
def china_round(demo_store) -> int:
    """China's round 15 (in preparation) with secrets and a shareable case planted through the services."""
    round_id = round_id_of(demo_store, "China", 15)
    current = m.Round.get_by_id(round_id)
    items = agenda_of(demo_store, round_id)
    legal_aid = next(item for item in items if item["topic_name"] == "Legal aid and pre-trial detention")
    records.update(demo_store, m.Round, round_id, {"confidential_notes": SECRET_ROUND_NOTE})
    records.update(demo_store, m.AgendaItem, legal_aid["id"], {"confidential_notes": SECRET_AGENDA_NOTE})
    china = m.Dialogue.get_by_id(current.dialogue_id).country_id
    secret = open_case(demo_store, SECRET_CASE, china, topic=legal_aid["topic"], summary=SECRET_SUMMARY)
    raise_case(demo_store, secret, round_id)
    shareable = open_case(demo_store, OPEN_CASE, china, topic=legal_aid["topic"], sensitivity="shareable",
                          summary="Open summary of the shareable case")
    raise_case(demo_store, shareable, round_id)
    return round_id


def _write(store, round_id, path, **options) -> PdfText:
    write_brief(store, round_id, path, today=DEMO_TODAY, invariant=True, **options)
    return PdfText(path)


def test_full_brief_has_every_section_in_order(demo_store, china_round, tmp_path):
    pdf = _write(demo_store, china_round, tmp_path / "full.pdf")
    brief = gather_brief(demo_store, china_round, today=DEMO_TODAY)

    cover = pdf.flat_pages[0]
    for expected in ("DELEGATION BRIEF", "Norway–China human rights dialogue", "Round 15 · Hangzhou (杭州)",
                     "6–7 February 2027", "China (partner)", "Senior officials", "In preparation", "CONFIDENTIAL",
                     "23 November 2026"):
        assert expected in cover, expected
    headings = ["Purpose and objectives", "Engagement level", "The last round in short",
                "Open follow-ups from earlier rounds", "Agenda", "Briefing by agenda item", "Delegations",
                "Annex A: Project portfolio", "Annex B: Timeline of earlier rounds", "Annex C: Key contacts"]
    positions = [pdf.flat.index(heading, pdf.flat.index("page 3 of")) for heading in headings]
    assert positions == sorted(positions), "sections appear in the order of DESIGN.md"

    assert pdf.contains(brief.purpose)
    assert pdf.contains("Current engagement level: Active.")
    assert pdf.contains("Round 14, Oslo, 16–17 June 2026 (concluded).")
    assert pdf.contains("Constructive on legal aid; no movement on death-penalty figures or the cases raised.")
    for follow_up in open_followups_before(demo_store, china_round):
        assert pdf.contains(follow_up["description"]), follow_up["description"]
    assert pdf.contains("31 December 2019 (overdue)")

    for expected_time, item in zip(("09:00–10:30", "10:30–11:45", "11:45–12:45", "12:45–13:45"),
                                   agenda_of(demo_store, china_round), strict=True):
        assert pdf.contains(f"{expected_time} {item['position'] + 1}. {item['topic_name']}")
        for field in ("objectives", "talking_points", "critical_questions", "partner_priorities"):
            assert pdf.contains(item[field]), (item["topic_name"], field)
    assert pdf.contains("Total 285 min")
    assert pdf.contains("Defence lawyers' human rights programme")
    assert pdf.contains("Defence lawyers trained in human rights: 0 → 15,000 (target 15,000; as of 31 December 2023)")
    assert pdf.contains("Norway to China: ensure access to a lawyer from the first interrogation")
    assert pdf.contains("Lead Accepted accepted by China")
    assert pdf.contains("赵立新 (Zhao Lixin)")
    assert pdf.contains("Raised at round 12: Lawyers must respect the law like everyone else.")

    for member in delegation_of(demo_store, china_round):
        assert pdf.contains(member["name"]) and pdf.contains(member["title"]), member["name"]
    for project in list_projects(demo_store, m.Round.get_by_id(china_round).dialogue.country_id):
        assert pdf.contains(project["title"]), project["title"]
    for earlier in earlier_rounds(demo_store, china_round):
        assert pdf.contains(earlier["outcome_summary"]), earlier["number"]
    for contact in brief.contacts:
        assert pdf.contains(contact.name)


def test_engagement_changes_since_the_last_round_are_listed(demo_store, china_round, tmp_path):
    dialogue_id = m.Round.get_by_id(china_round).dialogue_id
    set_engagement_level(demo_store, dialogue_id, "scaled_down", "Detention of a defender <b>& others",
                         on="2026-09-01")
    pdf = _write(demo_store, china_round, tmp_path / "full.pdf")
    assert pdf.contains("Current engagement level: Scaled down.")
    assert pdf.contains("Changes since the last round (16 June 2026):")
    assert pdf.contains("1 September 2026 Scaled down Detention of a defender <b>& others")


def test_shareable_brief_leaves_out_every_confidential_string(demo_store, china_round, tmp_path):
    full = _write(demo_store, china_round, tmp_path / "full.pdf")
    shareable = _write(demo_store, china_round, tmp_path / "shareable.pdf", shareable=True)
    for secret in SECRETS:
        assert full.contains(secret), secret
        assert not shareable.contains(secret), secret
    assert shareable.contains(OPEN_CASE) and full.contains(OPEN_CASE)
    assert shareable.contains("Open summary of the shareable case")
    assert "SHAREABLE VERSION" in shareable.pages[0] and "DELEGATION BRIEF · SHAREABLE VERSION" in shareable.pages[0]
    assert shareable.contains(SHAREABLE_OMISSIONS)
    assert all("SHAREABLE VERSION" in page and "CONFIDENTIAL" not in page for page in shareable.pages)
    assert not full.contains(SHAREABLE_OMISSIONS)


def test_shareable_brief_data_holds_no_confidential_record(demo_store, china_round):
    brief = gather_brief(demo_store, china_round, shareable=True, today=DEMO_TODAY)
    cases = [case for entry in brief.agenda for case in entry.cases] + list(brief.cases_off_agenda)
    assert [case.person_name for case in cases] == [OPEN_CASE]
    assert brief.round_confidential_notes == ""
    assert brief.last_round.confidential_notes == ""
    assert all(entry.confidential_notes == "" for entry in brief.agenda)


def test_chinese_and_vietnamese_text_extracts_exactly(demo_store, tmp_path):
    round_id = round_id_of(demo_store, "Vietnam", 9)
    item = agenda_of(demo_store, round_id)[0]
    planted = "Quyền con người – 人权 – Đặng Thị Ngọc Hà"
    records.update(demo_store, m.AgendaItem, item["id"], {"talking_points": planted})
    pdf = _write(demo_store, round_id, tmp_path / "vn.pdf")
    assert any(planted in page for page in pdf.pages)
    assert "Round 9 · Hue (Huế)" in pdf.pages[0]
    assert not pdf.contains("Norway to China")  # multilateral items only where Vietnam took a position
    for member in delegation_of(demo_store, round_id, "partner"):
        assert any(member["name"] in page for page in pdf.pages), member["name"]
    china = _write(demo_store, round_id_of(demo_store, "China", 15), tmp_path / "cn.pdf")
    assert any("All China Lawyers Association (中华全国律师协会)" in page for page in china.flat_pages)


def test_markup_characters_in_user_text_appear_literally(demo_store, china_round, tmp_path):
    records.update(demo_store, m.Round, china_round, {"purpose": 'Check <b>& the <font name="x"> tags & <br/>'})
    pdf = _write(demo_store, china_round, tmp_path / "full.pdf")
    assert pdf.contains('Check <b>& the <font name="x"> tags & <br/>')


def test_page_numbers_toc_links_bookmarks_and_metadata(demo_store, china_round, tmp_path):
    pdf = _write(demo_store, china_round, tmp_path / "full.pdf")
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages, start=1):
        assert re.findall(r"page (\d+) of (\d+)", page) == [(str(number), str(total))]

    outline = pdf.outline()
    titles = [entry.title for entry in outline]
    assert titles[:5] == ["Purpose and objectives", "Engagement level", "The last round in short",
                          "Open follow-ups from earlier rounds", "Agenda"]
    assert "1. Rule of law and judicial reform" in titles and "Annex C: Key contacts" in titles
    heading_pages = [pdf.page_of_destination(entry) for entry in outline]
    for entry, page in zip(outline, heading_pages, strict=True):
        assert entry.title in pdf.flat_pages[page - 1], entry.title

    toc_page = next(number for number, page in enumerate(pdf.pages, start=1) if page.count("Contents"))
    assert toc_page == 2
    links = pdf.link_target_pages(toc_page)
    assert links[::2] == heading_pages and links[1::2] == heading_pages  # title and page number link alike
    toc_lines = [line.strip() for line in pdf.pages[toc_page - 1].splitlines()]
    for entry, page in zip(outline, heading_pages, strict=True):
        assert toc_lines[toc_lines.index(entry.title) - 1] == str(page), entry.title

    metadata = pdf.reader.metadata
    assert metadata.title == "Norway–China human rights dialogue, round 15: delegation brief"
    assert metadata.author == "Dialogue Planner"
    assert metadata.subject == "Delegation brief for round 15 with China"


def test_unknown_round_writes_nothing(demo_store, tmp_path):
    with pytest.raises(NotFoundError):
        write_brief(demo_store, 9999, tmp_path / "brief.pdf")
    assert list(tmp_path.glob("*.pdf*")) == []


def test_failed_export_leaves_no_file_and_keeps_the_earlier_one(demo_store, china_round, tmp_path, monkeypatch):
    with pytest.raises(DocumentWriteError):
        write_brief(demo_store, china_round, tmp_path / "missing" / "brief.pdf")
    assert not (tmp_path / "missing").exists()

    target = tmp_path / "brief.pdf"
    target.write_bytes(b"the earlier brief")

    class Exploding(Flowable):
        def wrap(self, width, height):
            return 10, 10

        def draw(self):
            raise RuntimeError("disk trouble in the middle of the layout")

    original = brief_module.build_brief_story

    def story_that_fails(brief):
        story = original(brief)
        return story[: len(story) // 2] + [Exploding()] + story[len(story) // 2:]

    monkeypatch.setattr(brief_module, "build_brief_story", story_that_fails)
    with pytest.raises(RuntimeError, match="disk trouble"):
        write_brief(demo_store, china_round, target)
    assert target.read_bytes() == b"the earlier brief"
    assert sorted(path.name for path in tmp_path.iterdir() if "brief" in path.name) == ["brief.pdf"]


def test_cancelled_export_writes_nothing_and_reports_progress(demo_store, china_round, tmp_path):
    cancel = threading.Event()
    seen: list[tuple[int, int, str]] = []

    def progress(done, total, what):
        seen.append((done, total, what))
        if done >= 50:
            cancel.set()

    with pytest.raises(DocumentCancelled):
        write_brief(demo_store, china_round, tmp_path / "brief.pdf", progress=progress, cancel=cancel)
    assert not (tmp_path / "brief.pdf").exists()
    assert seen[0] == (0, 100, "Reading the round")
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)


def test_a_bare_first_round_says_what_is_missing_instead_of_blank_headings(store, tmp_path):
    add_country(store, "Norway", "NO", is_home=True)
    dialogue = start_dialogue(store, add_country(store, "Indonesia", "ID"), "Norway–Indonesia dialogue")
    first = plan_round(store, dialogue, city="Jakarta", host_side="home")
    pdf = _write(store, first.id, tmp_path / "bare.pdf")
    for sentence in (
        "Norway (our side)", "dates not set", "No purpose or objectives have been recorded for this round.",
        "This is the first round of the dialogue.", "There are no open follow-ups from earlier rounds.",
        "No agenda items have been set for this round yet.", "No members have been recorded yet.",
        "There are no joint projects with Indonesia.", "There are no earlier rounds.",
        "No one is recorded at the institutions behind the joint projects on this round's topics.",
    ):
        assert pdf.contains(sentence), sentence
    assert not pdf.contains("Briefing by agenda item")  # nothing to brief on: the section is left out
    assert [entry.title for entry in pdf.outline()] == [
        "Purpose and objectives", "Engagement level", "The last round in short",
        "Open follow-ups from earlier rounds", "Agenda", "Delegations", "Annex A: Project portfolio",
        "Annex B: Timeline of earlier rounds", "Annex C: Key contacts"]
