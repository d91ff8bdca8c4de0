"""Demo data: Norway's human rights dialogues with China, Indonesia and Vietnam.

What a new user sees at first start and what the README screenshots show. The
facts come from the background documents: the dialogues with China (since
1997), Indonesia and Vietnam (since 2002); the independent evaluation of May
2002 that turned the dialogues to fewer topics in more depth, backed by joint
projects; the Third Committee resolution on human rights defenders led by
Norway, adopted 117-14-40 with 74 co-sponsors (2015) and the consensus
resolution on the Declaration's 25th anniversary (2023); the Danish Institute
for Human Rights' results in China (2,000 prosecutors and up to 15,000 defence
lawyers trained, death sentences more than halved since 2007) and its legal-aid
outcomes. Everything else is ILLUSTRATIVE: round dates, agendas, people (all
names invented), individual cases (all invented), budgets, follow-ups and the
partners' positions. Records say so where it matters.

Everything is written through the services, so the demo has a change history
like data a desk officer typed in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from dialogue_planner.errors import PlannerError
from dialogue_planner.services import records
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.dialogues import add_country, add_priority_topic, set_engagement_level, start_dialogue
from dialogue_planner.services.followups import add_follow_up
from dialogue_planner.services.multilateral import add_multilateral_item
from dialogue_planner.services.network import add_institution, add_person, add_to_delegation
from dialogue_planner.services.projects import add_donor, add_project, record_result
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

# A date is an ISO string (a fixed day in the dialogue's history) or a whole number of days from
# `today` (recent and coming events, so a demo built any day has overdue follow-ups and a next round).
When = str | int | None

COUNTRIES = (("Norway", "NO", True), ("China", "CN", False), ("Indonesia", "ID", False),
             ("Vietnam", "VN", False), ("Denmark", "DK", False))

TOPICS = (
    ("RULE", "Rule of law and judicial reform", "Courts, prosecution and criminal procedure."),
    ("DEATH", "Death penalty", "Restricting, reviewing and abolishing capital punishment."),
    ("LEGAL", "Legal aid and pre-trial detention", "Access to a lawyer, legal aid, length of pre-trial detention."),
    ("TORTURE", "Prevention of torture", "Interrogation, detention conditions, monitoring of places of detention."),
    ("EXPR", "Freedom of expression", "Media, internet, press laws, journalists and bloggers."),
    ("HRD", "Human rights defenders", "Protection of those who defend the rights of others; individual cases."),
    ("WOMEN", "Women's rights and gender equality", "Gender-based violence, participation, equal pay."),
    ("LABOUR", "Labour rights", "Freedom of association, collective bargaining, ILO conventions."),
    ("MINOR", "Ethnic and religious minorities", "Language, culture and equal treatment of minorities."),
    ("BUSINESS", "Business and human rights", "The UN Guiding Principles, due diligence, remedies."),
    ("FORB", "Freedom of religion or belief", "Registration, blasphemy laws, interfaith dialogue."),
    ("CHILD", "Rights of the child", "Juvenile justice, birth registration, access to education."),
    ("UN", "International human rights cooperation", "Treaty bodies, the Human Rights Council, the UPR."),
)

TOPIC_NAMES = {code: name for code, name, _ in TOPICS}

# Per topic: objectives, talking points, critical questions, partner's stated priorities, outcome notes.
BRIEFS = {
    "RULE": ("Support reforms that make courts and prosecutors more independent and professional.",
             "Norway's experience with judicial appointments; the joint training projects give continuity.",
             "How are judges shielded from interference in single cases? What remedy follows a breach of procedure?",
             "Judicial efficiency, case backlogs and training of judges.",
             "Agreed to continue exchanges between courts and prosecution services."),
    "DEATH": ("Encourage fewer death sentences, transparency on numbers and, in time, a moratorium.",
              "Norway opposes the death penalty in all circumstances; review by the highest court reduces errors.",
              "How many death sentences were handed down and carried out last year? Why are figures secret?",
              "Says public opinion supports the death penalty; stresses reduced scope and stricter review.",
              "Partner described stricter review; no figures given. Seminar with researchers agreed."),
    "LEGAL": ("Access to a lawyer from the first interrogation; shorter pre-trial detention.",
              "Legal aid pays for itself in shorter detention; results of the legal-aid projects.",
              "How many suspects meet a lawyer before the first interrogation? What is the longest detention?",
              "Expanding state legal-aid centres; training of legal-aid lawyers.",
              "Interest in a joint study of pre-trial detention; legal-aid centre visit arranged."),
    "TORTURE": ("Audio-video recording of interrogations; independent monitoring of places of detention.",
                "Norway's experience with the OPCAT national preventive mechanism.",
                "Are confessions obtained under duress excluded in practice? Who inspects detention centres?",
                "New rules on exclusion of illegally obtained evidence; prison modernisation.",
                "Partner presented new evidence rules; study visit to Norwegian prisons agreed."),
    "EXPR": ("Keep space for media and online speech; raise detained journalists and bloggers.",
             "Free media and open debate strengthen stability; Norway's media support scheme.",
             "Which laws are used against journalists and bloggers? How many are detained?",
             "Says false information and threats to national security must be countered.",
             "Frank exchange; partner rejected criticism of individual sentences."),
    "HRD": ("Recognition and protection of human rights defenders; raise individual cases.",
            "Norway leads the UN resolutions on human rights defenders; defenders are a resource, not a threat.",
            "Why are defenders charged under national-security provisions? Will families get access?",
            "Says no one is prosecuted for defending rights, only for breaking the law.",
            "Cases raised; partner promised written answers in some of them."),
    "WOMEN": ("Stronger protection against gender-based violence; women human rights defenders.",
              "Norway's crisis centres and equality ombud; the women human rights defenders resolution.",
              "How many protection orders were issued last year? Are shelters funded outside the capital?",
              "Economic empowerment of women; national action plan on gender-based violence.",
              "Agreed to exchange experience on shelters and protection orders."),
    "LABOUR": ("Freedom of association and ratification of ILO core conventions.",
               "Social dialogue makes labour markets stable; the Norwegian tripartite model.",
               "When will ILO Convention 87 be ratified? Can independent worker organisations register?",
               "Labour Code revision; migrant and informal workers.",
               "Seminar on the labour law revision agreed for next year."),
    "MINOR": ("Equal treatment of ethnic and religious minorities, language and culture.",
              "Norway's experience with the Sami Parliament and minority language rights.",
              "Can minority children be taught in their own language? How are complaints of discrimination handled?",
              "Poverty reduction and development in minority regions.",
              "Positions far apart; agreed to keep the topic on the agenda."),
    "BUSINESS": ("Uptake of the UN Guiding Principles on Business and Human Rights.",
                 "Norway's national action plan and Transparency Act; the Norwegian Pension Fund's guidelines.",
                 "How can workers and communities harmed by companies obtain a remedy?",
                 "Responsible investment abroad; corporate social responsibility guidelines.",
                 "Partner asked for the Norwegian action plan; exchange of experts discussed."),
    "FORB": ("Protection of freedom of religion or belief, including for minority faiths.",
             "Interfaith dialogue; the Oslo Coalition's work; international standards on blasphemy laws.",
             "How many people were prosecuted under the blasphemy provisions last year?",
             "Religious harmony, tolerance and interfaith councils.",
             "Agreed to co-host an interfaith seminar."),
    "CHILD": ("Juvenile justice, birth registration and schooling of all children.",
              "Alternatives to detention for children; Norway's child welfare experience.",
              "How many children are held in pre-trial detention and for how long?",
              "Schooling in remote areas; child protection law.",
              "Exchange on juvenile justice; partner invited experts."),
    "UN": ("Cooperation in multilateral forums: treaty bodies, the Council, the UPR.",
           "Norway's UPR recommendations and their follow-up; reporting to treaty bodies.",
           "When will the partner invite the special procedures that have asked to visit?",
           "Non-selectivity and dialogue instead of country resolutions.",
           "Exchange on the UPR follow-up."),
}

FOCUSED_MINUTES = (90, 75, 60, 60)
BROAD_MINUTES = (30, 25, 20, 20, 20, 15, 15, 15, 15)

INSTITUTIONS = (
    ("mfa_no", "Ministry of Foreign Affairs of Norway (Utenriksdepartementet)", "NO", "ministry"),
    ("nchr", "Norwegian Centre for Human Rights, University of Oslo", "NO", "academia"),
    ("supreme_no", "Supreme Court of Norway", "NO", "judiciary"),
    ("correction_no", "Norwegian Correctional Service (Kriminalomsorgen)", "NO", "prisons"),
    ("bar_no", "Norwegian Bar Association (Advokatforeningen)", "NO", "civil_society"),
    ("fafo", "Fafo Institute for Labour and Social Research", "NO", "academia"),
    ("dihr", "Danish Institute for Human Rights (Institut for Menneskerettigheder)", "DK", "nhri"),
    ("mfa_cn", "Ministry of Foreign Affairs of the People's Republic of China (外交部)", "CN", "ministry"),
    ("spc", "Supreme People's Court (最高人民法院)", "CN", "judiciary"),
    ("spp", "Supreme People's Procuratorate (最高人民检察院)", "CN", "prosecution"),
    ("acla", "All China Lawyers Association (中华全国律师协会)", "CN", "civil_society"),
    ("cupl", "China University of Political Science and Law (中国政法大学)", "CN", "academia"),
    ("moj_cn", "Ministry of Justice, Prison Administration Bureau (司法部监狱管理局)", "CN", "prisons"),
    ("mfa_id", "Ministry of Foreign Affairs of Indonesia (Kementerian Luar Negeri)", "ID", "ministry"),
    ("law_id", "Ministry of Law and Human Rights (Kementerian Hukum dan Hak Asasi Manusia)", "ID", "ministry"),
    ("komnas_ham", "National Commission on Human Rights (Komnas HAM)", "ID", "nhri"),
    ("komnas_p", "National Commission on Violence against Women (Komnas Perempuan)", "ID", "nhri"),
    ("polri", "Indonesian National Police (Kepolisian Negara Republik Indonesia)", "ID", "police_security"),
    ("ugm", "Universitas Gadjah Mada, Faculty of Law", "ID", "academia"),
    ("lbh", "Jakarta Legal Aid Institute (LBH Jakarta)", "ID", "civil_society"),
    ("mfa_vn", "Ministry of Foreign Affairs of Viet Nam (Bộ Ngoại giao)", "VN", "ministry"),
    ("moj_vn", "Ministry of Justice, National Legal Aid Agency (Bộ Tư pháp, Cục Trợ giúp pháp lý)", "VN", "ministry"),
    ("mps_vn", "Ministry of Public Security (Bộ Công an)", "VN", "police_security"),
    ("spp_vn", "Supreme People's Procuracy (Viện Kiểm sát nhân dân tối cao)", "VN", "prosecution"),
    ("na_vn", "National Assembly, Committee on Social Affairs (Quốc hội, Ủy ban Xã hội)", "VN", "parliament"),
    ("hlu", "Hanoi Law University (Trường Đại học Luật Hà Nội)", "VN", "academia"),
    ("undp_vn", "UNDP Viet Nam", "VN", "international_organisation"),
)

# Every person is invented (key, name, title, institution, romanisation or note).
PEOPLE = (
    ("nordby", "Kari Nordby", "Director General, Department for UN and Human Rights", "mfa_no", ""),
    ("solvang", "Erik Solvang", "Special Envoy for Human Rights Dialogues", "mfa_no", ""),
    ("haugland", "Ingrid Haugland", "Deputy Director General, Section for Human Rights", "mfa_no", ""),
    ("berge", "Thomas Berge", "Senior Adviser, China desk", "mfa_no", ""),
    ("aasen", "Silje Aasen", "Adviser, Indonesia desk", "mfa_no", ""),
    ("lie", "Magnus Lie", "Senior Adviser, Vietnam desk", "mfa_no", ""),
    ("strand", "Hanne Strand", "Counsellor, Royal Norwegian Embassy in Beijing", "mfa_no", ""),
    ("kristiansen", "Mei Ling Kristiansen", "Interpreter (Chinese)", "mfa_no", ""),
    ("dahl", "Ole Kristian Dahl", "Justice", "supreme_no", ""),
    ("vik", "Marte Vik", "Professor of Human Rights Law", "nchr", ""),
    ("holm", "Anders Holm", "Senior Adviser, international cooperation", "correction_no", ""),
    ("bakken", "Liv Bakken", "Head of the Human Rights Committee", "bar_no", ""),
    ("fossum", "Sigrid Fossum", "Researcher, labour and business", "fafo", ""),
    ("kjaergaard", "Mette Kjærgaard", "Chief Adviser, China programme", "dihr", ""),
    ("wang", "王建国", "Director General, Department of International Organizations and Conferences", "mfa_cn",
     "Wang Jianguo"),
    ("li", "李红梅", "Deputy Director General, Department of International Organizations and Conferences", "mfa_cn",
     "Li Hongmei"),
    ("zhang", "张伟", "Counsellor, Human Rights Division", "mfa_cn", "Zhang Wei"),
    ("liu", "刘洋", "Judge, Criminal Division", "spc", "Liu Yang"),
    ("chen", "陈静", "Senior Prosecutor", "spp", "Chen Jing"),
    ("yang", "杨志强", "Vice President", "acla", "Yang Zhiqiang"),
    ("zhao", "赵丽华", "Professor of Criminal Law", "cupl", "Zhao Lihua"),
    ("huang", "黄文斌", "Deputy Director", "moj_cn", "Huang Wenbin"),
    ("zhou", "周晓燕", "Interpreter", "mfa_cn", "Zhou Xiaoyan"),
    ("bambang", "Bambang Sutrisno", "Director of Human Rights and Humanitarian Affairs", "mfa_id", ""),
    ("siti", "Siti Nurhaliza Wulandari", "Director General of Multilateral Cooperation", "mfa_id", ""),
    ("agus", "Agus Prasetyo", "First Secretary, Directorate of Human Rights", "mfa_id", ""),
    ("rina", "Rina Marlina Siregar", "Commissioner", "komnas_p", ""),
    ("yusuf", "Yusuf Hidayat", "Commissioner", "komnas_ham", ""),
    ("hendro", "Hendro Wibisono", "Brigadier General, Legal Division", "polri", ""),
    ("made", "Made Suarjana", "Director General of Human Rights", "law_id", ""),
    ("dewi", "Dewi Kartika Sari", "Lecturer in Business Law", "ugm", ""),
    ("putu", "Putu Ayu Lestari", "Interpreter", "mfa_id", ""),
    ("duc", "Trần Văn Đức", "Director General, Department of International Organizations", "mfa_vn", ""),
    ("hong", "Nguyễn Thị Hồng", "Director General, Department of International Organizations", "mfa_vn", ""),
    ("huong", "Lê Thị Thu Hương", "Deputy Director, Department of International Organizations", "mfa_vn", ""),
    ("bao", "Phạm Quốc Bảo", "Director, National Legal Aid Agency", "moj_vn", ""),
    ("khoi", "Vũ Minh Khôi", "Senior Prosecutor", "spp_vn", ""),
    ("mai", "Đặng Thị Mai", "Member of the Committee on Social Affairs", "na_vn", ""),
    ("long", "Hoàng Văn Long", "Deputy Director, Legal Department", "mps_vn", ""),
    ("tam", "Ngô Thị Thanh Tâm", "Lecturer in Criminal Law", "hlu", ""),
    ("ha", "Bùi Thanh Hà", "Interpreter", "mfa_vn", ""),
    ("lindqvist", "Sara Lindqvist", "Governance and Justice Specialist", "undp_vn", ""),
)

# Delegations: heads by the year they took over, the desk member, interpreter, and experts by topic.
HOME_HEADS = ((1997, "nordby"), (2005, "solvang"), (2017, "haugland"))
HOME_EXPERTS = {"RULE": "dahl", "DEATH": "dahl", "TORTURE": "holm", "LEGAL": "bakken", "LABOUR": "fossum",
                "BUSINESS": "fossum", "FORB": "vik", "MINOR": "vik", "EXPR": "vik", "HRD": "vik", "WOMEN": "vik"}
TEAMS = {
    "CN": {"desk": "berge", "home_interpreter": "kristiansen", "heads": ((1997, "wang"), (2017, "li")),
           "member": "zhang", "interpreter": "zhou",
           "experts": {"DEATH": "liu", "RULE": "chen", "LEGAL": "yang", "MINOR": "zhao", "TORTURE": "huang",
                       "BUSINESS": "zhao"}},
    "ID": {"desk": "aasen", "heads": ((2002, "bambang"), (2013, "siti")), "member": "agus", "interpreter": "putu",
           "experts": {"WOMEN": "rina", "FORB": "yusuf", "HRD": "yusuf", "TORTURE": "hendro", "RULE": "made",
                       "LEGAL": "made", "BUSINESS": "dewi"}},
    "VN": {"desk": "lie", "heads": ((2002, "duc"), (2013, "hong")), "member": "huong", "interpreter": "ha",
           "experts": {"LEGAL": "bao", "RULE": "khoi", "LABOUR": "mai", "CHILD": "tam", "EXPR": "long"}},
}

DIALOGUES = (
    ("CN", "Norway–China human rights dialogue", 1997,
     "Ministry of Foreign Affairs (外交部), Department of International Organizations and Conferences",
     "Formal dialogue since 1997. After the independent evaluation of May 2002 the dialogue focused on fewer "
     "topics in more depth, backed by joint projects. Round dates, agendas and the engagement dates after 2002 "
     "are illustrative.",
     (("2002-05-31", "active", "Independent evaluation (May 2002): fewer topics, in more depth, with targeted "
       "joint projects for continuity between rounds."),
      ("2010-11-01", "scaled_down", "Political contacts frozen after the Nobel Peace Prize of October 2010. "
       "Rounds suspended; expert contacts and projects kept alive (illustrative)."),
      ("2017-01-15", "active", "Relations normalised (joint statement of December 2016); rounds resume "
       "(date illustrative).")),
     (("RULE DEATH TORTURE MINOR", "2002-06-01", "2010-10-31"), ("RULE DEATH LEGAL BUSINESS", "2017-01-01", None))),
    ("ID", "Norway–Indonesia human rights dialogue", 2002,
     "Ministry of Foreign Affairs (Kementerian Luar Negeri), Directorate of Human Rights and Humanitarian Affairs",
     "Formal dialogue since 2002, from the start with few priority topics. Round dates, agendas and the "
     "engagement history are illustrative.",
     (("2020-03-20", "paused", "COVID-19 pandemic: round postponed, contacts kept by video (illustrative)."),
      ("2021-11-01", "active", "Travel possible again; preparations for the next round resumed (illustrative).")),
     (("TORTURE RULE WOMEN", "2002-06-01", "2012-12-31"), ("FORB WOMEN HRD BUSINESS", "2013-01-01", None))),
    ("VN", "Norway–Vietnam human rights dialogue", 2002,
     "Ministry of Foreign Affairs (Bộ Ngoại giao), Department of International Organizations",
     "Formal dialogue since 2002. Round dates, agendas and the engagement history are illustrative.",
     ((-60, "scaled_down", "Several land and environmental defenders sentenced; the next round is held at "
       "expert level and the political segment postponed, contacts kept (illustrative)."),),
     (("LEGAL RULE CHILD", "2002-06-01", "2012-12-31"), ("LEGAL RULE LABOUR EXPR", "2013-01-01", None))),
)


class RoundPlan(NamedTuple):
    number: int
    when: When
    city: str
    host: str
    topics: str
    outcome: str = ""
    status: str = "concluded"
    level: str = "senior_officials"
    confidential: str = ""


BEIJING, HANOI, HUE = "Beijing (北京)", "Hanoi (Hà Nội)", "Hue (Huế)"
BROAD = "Broad round before the 2002 evaluation: many topics, little time for each."
ROUNDS = {
    "CN": (
        RoundPlan(1, "1997-11-24", BEIJING, "partner", "RULE DEATH TORTURE EXPR MINOR FORB WOMEN LABOUR",
                  "First round; agreed to meet yearly and exchange expert visits.", level="political"),
        RoundPlan(2, "1998-10-19", "Oslo", "home", "RULE DEATH TORTURE EXPR MINOR FORB CHILD UN LABOUR", BROAD),
        RoundPlan(3, "1999-11-15", BEIJING, "partner", "RULE DEATH LEGAL TORTURE EXPR MINOR FORB", BROAD),
        RoundPlan(4, "2000-10-09", "Oslo", "home", "RULE DEATH LEGAL TORTURE EXPR MINOR WOMEN LABOUR", BROAD),
        RoundPlan(5, "2001-11-12", "Kunming (昆明)", "partner", "RULE DEATH LEGAL TORTURE MINOR FORB EXPR CHILD",
                  "Many topics, little depth: the May 2002 evaluation used this round as its example."),
        RoundPlan(6, "2002-11-18", "Oslo", "home", "RULE DEATH TORTURE MINOR",
                  "First focused round after the evaluation: four priority topics, each with a project plan."),
        RoundPlan(7, "2003-11-10", "Xi'an (西安)", "partner", "RULE DEATH TORTURE MINOR",
                  "Prosecutors' training project launched with the Supreme People's Procuratorate."),
        RoundPlan(8, "2005-05-23", "Oslo", "home", "RULE DEATH TORTURE MINOR",
                  "Study visit to Norwegian prisons; exchange on evidence rules."),
        RoundPlan(9, "2006-11-06", BEIJING, "partner", "DEATH RULE TORTURE MINOR",
                  "Partner announced that the Supreme People's Court will review all death sentences from 2007."),
        RoundPlan(10, "2007-09-17", "Oslo", "home", "DEATH RULE TORTURE",
                  "First year of review of death sentences by the Supreme People's Court discussed in depth."),
        RoundPlan(11, "2008-11-24", "Chengdu (成都)", "partner", "DEATH RULE MINOR",
                  "Death-penalty research cooperation with CUPL agreed."),
        RoundPlan(12, "2009-10-26", "Oslo", "home", "DEATH RULE TORTURE MINOR EXPR",
                  "Agenda grew to five topics at the partner's request; less depth than planned."),
        RoundPlan(13, "2019-06-17", BEIJING, "partner", "RULE DEATH LEGAL BUSINESS",
                  "First round since 2010 (illustrative): new priorities agreed, cases raised.", level="political"),
        RoundPlan(14, -160, "Oslo", "home", "RULE LEGAL DEATH BUSINESS",
                  "Constructive on legal aid; no movement on death-penalty figures or the cases raised.",
                  confidential="Partner hinted privately that a prison visit may be possible next round."),
        RoundPlan(15, 75, "Hangzhou (杭州)", "partner", "RULE LEGAL DEATH BUSINESS", status="in_preparation"),
    ),
    "ID": (
        RoundPlan(1, "2002-10-07", "Jakarta", "partner", "TORTURE RULE WOMEN",
                  "Dialogue launched with three priority topics.", level="political"),
        RoundPlan(2, "2003-09-22", "Oslo", "home", "TORTURE RULE WOMEN FORB",
                  "Police human rights training agreed with Polri."),
        RoundPlan(3, "2005-11-14", "Yogyakarta", "partner", "RULE TORTURE WOMEN",
                  "Visit to the police academy; training results presented."),
        RoundPlan(4, "2008-10-06", "Oslo", "home", "TORTURE WOMEN FORB",
                  "Komnas Perempuan study visit to Norway agreed."),
        RoundPlan(5, "2013-11-04", "Jakarta", "partner", "FORB WOMEN HRD BUSINESS",
                  "New priority topics for the coming years agreed.", level="political"),
        RoundPlan(6, "2017-05-08", "Oslo", "home", "FORB WOMEN HRD",
                  "Interfaith cooperation with Komnas HAM and UGM expanded."),
        RoundPlan(7, "2022-09-12", "Yogyakarta", "partner", "FORB WOMEN BUSINESS HRD",
                  "First round after the pandemic; cases raised."),
        RoundPlan(8, -230, "Oslo", "home", "FORB WOMEN HRD BUSINESS",
                  "Good exchange on women's rights; partner reticent on defenders in land conflicts."),
        RoundPlan(9, 120, "Jakarta", "partner", "FORB WOMEN HRD BUSINESS", status="planned"),
    ),
    "VN": (
        RoundPlan(1, "2002-12-09", HANOI, "partner", "LEGAL RULE CHILD",
                  "Dialogue launched; legal aid chosen as the lead topic.", level="political"),
        RoundPlan(2, "2003-11-24", "Oslo", "home", "LEGAL RULE CHILD LABOUR", "Legal-aid study agreed."),
        RoundPlan(3, "2005-10-17", HUE, "partner", "LEGAL RULE CHILD", "Visit to a provincial legal-aid centre."),
        RoundPlan(4, "2008-03-10", "Oslo", "home", "LEGAL RULE LABOUR", "Exchange on the draft Law on Legal Aid."),
        RoundPlan(5, "2011-11-21", HANOI, "partner", "RULE LEGAL LABOUR CHILD",
                  "Labour Code revision seminar agreed."),
        RoundPlan(6, "2014-10-13", "Oslo", "home", "LEGAL LABOUR EXPR RULE",
                  "Freedom of expression taken up as a priority; frank exchange on the press law."),
        RoundPlan(7, "2018-11-19", "Da Nang (Đà Nẵng)", "partner", "LEGAL LABOUR EXPR",
                  "Cases of sentenced bloggers raised; partner rejected criticism."),
        RoundPlan(8, -95, "Oslo", "home", "LEGAL LABOUR EXPR RULE",
                  "Held; agreed minutes pending on the labour-rights part.", status="held"),
        RoundPlan(9, 150, HUE, "partner", "LEGAL LABOUR RULE", status="in_preparation", level="expert"),
    ),
}

# (country, title, implementing institution, budget in NOK, start, end, status, topics, partners,
#  donors as (name, amount), results as (indicator, baseline, target, actual, as of), description)
PROJECTS = (
    ("CN", "Human rights training for public prosecutors", "dihr", 24_000_000, "2003-01-01", "2015-12-31",
     "completed", "RULE TORTURE", "spp", (("Norwegian Ministry of Foreign Affairs", 24_000_000),),
     (("Public prosecutors trained", 0, 2000, 2000, "2015-12-31"),),
     "Training of prosecutors in human rights standards with the Supreme People's Procuratorate. The result is "
     "the one the Danish Institute for Human Rights reports; the Norwegian funding is illustrative."),
    ("CN", "Defence lawyers' human rights programme", "dihr", 31_500_000, "2008-01-01", 730, "active",
     "LEGAL RULE", "acla cupl", (("Norwegian Ministry of Foreign Affairs", 21_500_000), ("Danida", 10_000_000)),
     (("Defence lawyers trained in human rights", 0, 15000, 15000, "2023-12-31"),),
     "Up to 15,000 defence lawyers trained in human rights, as the Danish Institute for Human Rights reports. "
     "Budget and donor shares illustrative."),
    ("CN", "Death penalty reform: research and judicial exchange", "nchr", 9_800_000, "2008-06-01", 365, "active",
     "DEATH", "cupl spc", (("Norwegian Ministry of Foreign Affairs", 9_800_000),),
     (("Death sentences per year, estimated index (2007 = 100): more than halved since 2007", 100, 50, 45,
       "2023-12-31"),),
     "Research on sentencing and Supreme People's Court review. Estimates (Dui Hua, cited by the Danish "
     "institute) put death sentences at more than half below 2007; the index value is illustrative."),
    ("CN", "Business and human rights: due diligence exchange (illustrative)", "nchr", 4_000_000, 120, 1215,
     "proposed", "BUSINESS", "", (), (), "Proposed after round 14; no Chinese partner institution found yet."),
    ("CN", "Juvenile justice exchange (illustrative)", "nchr", 3_200_000, "2020-01-01", 400, "active", "CHILD",
     "cupl", (("Norwegian Ministry of Foreign Affairs", 3_200_000),), (),
     "Alternatives to detention for children; not on a current priority topic of the dialogue."),
    ("ID", "Police human rights training (illustrative)", "correction_no", 12_000_000, "2004-01-01",
     "2011-12-31", "completed", "TORTURE", "polri", (("Norwegian Ministry of Foreign Affairs", 12_000_000),),
     (("Police officers trained (illustrative)", 0, 1200, 1350, "2011-12-31"),),
     "Curriculum on the prohibition of torture for the police academy."),
    ("ID", "Interfaith dialogue and freedom of religion or belief (illustrative)", "nchr", 8_500_000,
     "2014-01-01", 600, "active", "FORB MINOR", "komnas_ham ugm",
     (("Norwegian Ministry of Foreign Affairs", 8_500_000),),
     (("Interfaith seminars held (illustrative)", 0, 30, 22, "2024-12-31"),),
     "With the Oslo Coalition on Freedom of Religion or Belief at the Norwegian Centre for Human Rights."),
    ("ID", "Gender-based violence case handling with Komnas Perempuan (illustrative)", "nchr", 6_000_000,
     "2016-01-01", 500, "active", "WOMEN", "komnas_p", (("Norwegian Ministry of Foreign Affairs", 6_000_000),),
     (("Provinces using the complaint-handling protocol (illustrative)", 0, 20, 14, "2024-06-30"),),
     "Complaint-handling protocol and referral to shelters."),
    ("ID", "Legal aid for pre-trial detainees (pilot)", "dihr", 7_400_000, "2018-01-01", 300, "active",
     "LEGAL", "lbh law_id", (("Norwegian Ministry of Foreign Affairs", 5_000_000), ("Sida", 2_400_000)),
     (("Supported cases decided within 12 months (%)", None, 100, 100, "2024-12-31"),
      ("Supported cases dropped or ending in acquittal (%)", None, None, 46, "2024-12-31"),
      ("Supported cases ending in a custodial sentence (%)", None, None, 20, "2024-12-31")),
     "Illustrative pilot. The results are those the Danish Institute for Human Rights reports for its prison "
     "legal-aid programme (Zambia). Not on a current priority topic of the dialogue."),
    ("VN", "Legal aid and criminal procedure reform (illustrative)", "nchr", 15_000_000, "2006-01-01", 700,
     "active", "LEGAL RULE", "moj_vn hlu", (("Norwegian Ministry of Foreign Affairs", 15_000_000),),
     (("Legal-aid officers trained (illustrative)", 0, 600, 540, "2024-12-31"),),
     "Support to the National Legal Aid Agency and the Law on Legal Aid."),
    ("VN", "Labour rights and social dialogue (illustrative)", "fafo", 9_000_000, "2012-01-01", 450, "active",
     "LABOUR", "na_vn", (("Norwegian Ministry of Foreign Affairs", 7_000_000), ("UNDP Viet Nam", 2_000_000)),
     (), "Labour Code revision and the ILO core conventions."),
    ("VN", "Press law seminar series (illustrative)", "nchr", 2_500_000, "2015-01-01", "2019-12-31", "paused",
     "EXPR", "hlu", (("Norwegian Ministry of Foreign Affairs", 2_500_000),), (),
     "Paused in 2019 when the partner withdrew; freedom of expression has no active project."),
    ("VN", "Birth registration of ethnic minority children (illustrative)", "undp_vn", 5_000_000, "2020-01-01",
     365, "active", "CHILD MINOR", "moj_vn", (("Norwegian Ministry of Foreign Affairs", 5_000_000),),
     (("Children registered in target districts (illustrative)", 0, 40000, 31000, "2024-12-31"),),
     "Through UNDP Viet Nam; not on a current priority topic of the dialogue."),
)

# (name, country, topic, category, situation, sensitivity, summary, raisings as (round, response))
CASES = (
    ("陈雪梅 (Chen Xuemei)", "CN", "HRD", "woman_human_rights_defender", "detained", "confidential",
     "Ran a hotline for victims of domestic violence; detained for 'picking quarrels and provoking trouble'.",
     ((13, "Handled according to law; details declined."), (14, "Indictment confirmed; no access for her lawyer."),
      (15, ""))),
    ("赵立新 (Zhao Lixin)", "CN", "LEGAL", "lawyer", "sentenced", "confidential",
     "Defence lawyer in land-expropriation cases; licence revoked, then sentenced to four years.",
     ((12, "Lawyers must respect the law like everyone else."), (13, "Sentence confirmed on appeal."),
      (14, "Request for a prison visit noted; no answer."), (15, ""))),
    ("孙国平 (Sun Guoping)", "CN", "EXPR", "journalist", "released", "shareable",
     "Freelance journalist detained after reporting on a chemical spill; released on bail; the family asked "
     "for public attention.", ((10, "Under investigation."), (11, "Released on bail."))),
    ("Agus Setiawan Nainggolan", "ID", "HRD", "land_environmental_defender", "detained", "confidential",
     "Community leader opposing a palm-oil concession in Central Kalimantan; detained after a protest.",
     ((7, "A police matter; criminal procedure is followed."), (8, "Komnas HAM invited to look into it."),
      (9, ""))),
    ("Ratna Kusumawati", "ID", "WOMEN", "woman_human_rights_defender", "harassed", "shareable",
     "Women's rights activist threatened online after a campaign against child marriage; asks for public "
     "support.",
     ((6, "Police will protect her if she files a complaint."), (7, "Two suspects questioned."),
      (8, "Investigation closed without charges."))),
    ("Phạm Thị Lan Anh", "VN", "EXPR", "land_environmental_defender", "sentenced", "confidential",
     "Wrote online about pollution from an industrial plant; sentenced for 'propaganda against the State'.",
     ((7, "Sentenced according to law for violating the Penal Code."), (8, "Health reported good."), (9, ""))),
    ("Lê Quang Vinh", "VN", "EXPR", "journalist", "detained", "confidential",
     "Independent journalist detained on charges of 'abusing democratic freedoms'.",
     ((8, "Investigation ongoing; no consular-style access for third countries."), (9, ""))),
    ("Hoàng Minh Tuấn", "VN", "LEGAL", "lawyer", "under_surveillance", "confidential",
     "Defence lawyer for bloggers; barred from travel and under surveillance.",
     ((6, "No restrictions apply to him."), (7, "Travel restrictions related to an ongoing case."))),
)

# (country, round, topic, what, owner, due, status, completed on, notes)
FOLLOW_UPS = (
    ("CN", 6, "RULE", "Send a draft project plan for the prosecutors' training", "home", "2003-02-28", "done",
     "2003-02-20", ""),
    ("CN", 7, "DEATH", "Partner to share statistics on the review of death sentences", "partner", "2004-06-30",
     "dropped", None, "Declined: the figures are a state secret."),
    ("CN", 10, "DEATH", "Seminar on Supreme People's Court review with CUPL", "joint", "2008-05-31", "done",
     "2008-04-15", ""),
    ("CN", 12, "TORTURE", "Study visit of prison officials to Norway", "joint", "2010-09-30", "dropped", None,
     "Dropped when contacts were frozen in late 2010."),
    ("CN", 13, "BUSINESS", "Send Norway's action plan on business and human rights in Chinese", "home",
     "2019-10-01", "done", "2019-09-10", ""),
    ("CN", 13, "HRD", "Partner to answer in writing on the cases raised", "partner", "2019-12-31", "open", None, ""),
    ("CN", 14, "LEGAL", "Propose a legal-aid pilot to the Ministry of Justice", "home", -70, "open", None, ""),
    ("CN", 14, "DEATH", "Partner to provide figures on the review of death sentences", "partner", -40, "open",
     None, ""),
    ("CN", 14, "BUSINESS", "Find a Chinese partner institution for the business project", "home", -10, "open",
     None, ""),
    ("CN", 14, None, "Agree the programme of the next round", "joint", 20, "open", None, ""),
    ("ID", 2, "TORTURE", "Run a pilot course with Polri trainers", "joint", "2004-06-30", "done", "2004-05-28", ""),
    ("ID", 4, "WOMEN", "Komnas Perempuan study visit to Norway", "joint", "2009-06-30", "done", "2009-05-11", ""),
    ("ID", 5, "HRD", "Explore a protection mechanism for defenders with Komnas HAM", "joint", "2014-12-31",
     "dropped", None, "Partner saw no need for a separate mechanism."),
    ("ID", 7, "FORB", "Co-host an interfaith seminar in Yogyakarta", "joint", "2023-03-31", "done", "2023-02-22",
     ""),
    ("ID", 8, "HRD", "Partner to respond on the detained land defender", "partner", -120, "open", None, ""),
    ("ID", 8, "BUSINESS", "Scope a project on business and human rights in the palm-oil sector", "home", -30,
     "open", None, ""),
    ("ID", 8, "WOMEN", "Share Norway's experience with crisis centres", "home", -180, "done", -185, ""),
    ("VN", 3, "LEGAL", "Joint study on legal aid for the poor", "joint", "2006-12-31", "done", "2006-11-30", ""),
    ("VN", 5, "LABOUR", "Seminar on the Labour Code revision", "joint", "2012-06-30", "done", "2012-05-21", ""),
    ("VN", 6, "EXPR", "Partner to provide information on the draft press law", "partner", "2015-06-30",
     "dropped", None, ""),
    ("VN", 7, "EXPR", "Invite Vietnamese journalists to a seminar in Oslo", "home", "2019-09-30", "open", None, ""),
    ("VN", 8, None, "Circulate the agreed minutes", "joint", -75, "done", -80, ""),
    ("VN", 8, "LEGAL", "Send comments on the draft amended Law on Legal Aid", "home", -40, "open", None, ""),
    ("VN", 8, "LABOUR", "Partner to report on ratification of ILO Convention 87", "partner", 60, "open", None, ""),
    ("VN", 8, "RULE", "Study visit of the Supreme People's Procuracy to Norway", "joint", 200, "open", None, ""),
)

ILLUSTRATIVE_VOTE = "illustrative: check the official voting record"
# (forum, title, session, date, our role, outcome, notes, topics, positions as (country, position, note))
MULTILATERAL = (
    ("unga_third_committee", "Resolution on protecting human rights defenders", "70th session (2015)",
     "2015-12-17", "lead", "adopted 117-14-40, 74 co-sponsors",
     "Negotiations led by Norway. Approved in the Third Committee by 117 votes to 14 with 40 abstentions; "
     "74 co-sponsors, the highest number ever. Adopted by the General Assembly on 17 December 2015.", "HRD",
     (("CN", "voted_no", ILLUSTRATIVE_VOTE), ("VN", "voted_no", ILLUSTRATIVE_VOTE),
      ("ID", "abstained", ILLUSTRATIVE_VOTE))),
    ("unga_third_committee", "Resolution on the 25th anniversary of the Declaration on Human Rights Defenders",
     "78th session (2023)", "2023-12-19", "lead", "adopted by consensus",
     "Led by Norway; stronger language on protecting women human rights defenders. Date approximate.",
     "HRD WOMEN", tuple((iso, "unknown", "adopted without a vote") for iso in ("CN", "ID", "VN"))),
    ("unga_third_committee", "First resolution on women human rights defenders", "68th session (2013)",
     "2013-12-18", "lead", "adopted by consensus", "Led by Norway.", "HRD WOMEN", ()),
    ("hrc", "Recognising the contribution of environmental human rights defenders", "HRC 40th session (2019)",
     None, "lead", "adopted without a vote (illustrative entry)", "Illustrative entry.", "HRD BUSINESS",
     (("CN", "unknown", "Council member; illustrative"),)),
    ("hrc", "Question of the death penalty", "HRC 54th session (2023)", None, "co_sponsor",
     "adopted by a recorded vote (illustrative entry)", "Illustrative entry.", "DEATH",
     (("CN", "voted_no", ILLUSTRATIVE_VOTE), ("VN", "voted_no", ILLUSTRATIVE_VOTE))),
    ("upr", "Norway to China: establish a moratorium on executions with a view to abolition",
     "UPR 45th session (January 2024)", "2024-01-23", "lead", "noted by China", "Wording illustrative.",
     "DEATH", (("CN", "noted", ""),)),
    ("upr", "Norway to China: ensure access to a lawyer from the first interrogation",
     "UPR 45th session (January 2024)", "2024-01-23", "lead", "accepted by China", "Wording illustrative.",
     "LEGAL RULE", (("CN", "accepted", ""),)),
    ("upr", "Norway to Indonesia: review the blasphemy provisions of the Criminal Code",
     "UPR 41st session (November 2022)", "2022-11-09", "lead", "noted by Indonesia", "Wording illustrative.",
     "FORB MINOR", (("ID", "noted", ""),)),
    ("upr", "Norway to Indonesia: ensure a safe environment for women human rights defenders",
     "UPR 41st session (November 2022)", "2022-11-09", "lead", "accepted by Indonesia", "Wording illustrative.",
     "HRD WOMEN", (("ID", "accepted", ""),)),
    ("upr", "Norway to Viet Nam: ratify ILO Convention No. 87 on freedom of association",
     "UPR 46th session (May 2024)", "2024-05-07", "lead", "noted by Viet Nam", "Wording illustrative.",
     "LABOUR", (("VN", "noted", ""),)),
)


@dataclass(frozen=True)
class DemoSummary:
    """How many of each kind of record the demo wrote."""

    dialogues: int
    rounds: int
    agenda_items: int
    projects: int
    people: int
    cases: int
    follow_ups: int
    multilateral_items: int


def _on(when: When, today: datetime.date) -> datetime.date | None:
    if when is None:
        return None
    if isinstance(when, int):
        return today + datetime.timedelta(days=when)
    return datetime.date.fromisoformat(when)


def _by_year(holders: tuple[tuple[int, str], ...], year: int) -> str:
    """Who held the post in `year`: the last one who took over in or before it."""
    return [key for start, key in holders if start <= year][-1]


def is_empty(store: Store) -> bool:
    """True when the database holds no records at all (the change history aside)."""
    return not any(model.select().exists() for model in m.RECORD_MODELS)


def clear_all(store: Store) -> None:
    """Delete every record and the whole change history, in one transaction."""
    with store.atomic():
        for model in reversed(m.RECORD_MODELS):
            model.delete().execute()
        m.ChangeRecord.delete().execute()


def build_demo(store: Store, *, today: datetime.date | None = None) -> DemoSummary:
    """Fill an empty database with the demo dialogues, dated so that `today` falls between rounds."""
    today = today or datetime.date.today()
    with store.atomic():
        if not is_empty(store):
            raise PlannerError("the database already holds records; demo data goes into an empty database")
        countries = {iso: add_country(store, name, iso, is_home=home).id for name, iso, home in COUNTRIES}
        topics = {code: add_topic(store, name, description).id for code, name, description in TOPICS}
        dialogues = _add_dialogues(store, countries, topics, today)
        institutions = {key: add_institution(store, name, countries[iso], sector).id
                        for key, name, iso, sector in INSTITUTIONS}
        people = {key: add_person(store, name, title=title, institution=institutions[institution],
                                  notes=f"Romanised: {romanised}. Illustrative person." if romanised
                                  else "Illustrative person.").id
                  for key, name, title, institution, romanised in PEOPLE}
        rounds = _add_rounds(store, dialogues, topics, people, today)
        _add_projects(store, countries, topics, institutions, today)
        _add_cases(store, countries, topics, rounds)
        _add_follow_ups(store, topics, rounds, today)
        _add_multilateral(store, countries, topics, today)
        return DemoSummary(
            dialogues=m.Dialogue.select().count(),
            rounds=m.Round.select().count(),
            agenda_items=m.AgendaItem.select().count(),
            projects=m.JointProject.select().count(),
            people=m.Person.select().count(),
            cases=m.IndividualCase.select().count(),
            follow_ups=m.FollowUp.select().count(),
            multilateral_items=m.MultilateralItem.select().count(),
        )


def _add_dialogues(store: Store, countries: dict, topics: dict, today: datetime.date) -> dict[str, int]:
    dialogues = {}
    for iso, title, start_year, counterpart, notes, engagement, priorities in DIALOGUES:
        dialogue = start_dialogue(store, countries[iso], title, start_year=start_year,
                                  counterpart_ministry=counterpart, focus_target=4, notes=notes)
        for when, level, reason in engagement:
            set_engagement_level(store, dialogue.id, level, reason, on=_on(when, today))
        for codes, valid_from, valid_to in priorities:
            for code in codes.split():
                add_priority_topic(store, dialogue, topics[code], valid_from, valid_to)
        dialogues[iso] = dialogue.id
    return dialogues


def _add_rounds(store: Store, dialogues: dict, topics: dict, people: dict, today: datetime.date) -> dict:
    """Every round with its agenda and both delegations; returns round ids by (country, number)."""
    rounds = {}
    for iso, plans in ROUNDS.items():
        for plan in plans:
            start = _on(plan.when, today)
            codes = plan.topics.split()
            focused = len(codes) <= 4
            names = ", ".join(TOPIC_NAMES[code].lower() for code in codes)
            purpose = (f"Focused exchange on {names}, with the joint projects behind them." if focused
                       else "General exchange of views across the human rights field.")
            past = plan.status in ("held", "concluded")
            round_ = plan_round(store, dialogues[iso], plan.number, start_date=start,
                                end_date=start + datetime.timedelta(days=1), city=plan.city, host_side=plan.host,
                                level=plan.level, status=plan.status, purpose=purpose,
                                outcome_summary=plan.outcome, confidential_notes=plan.confidential)
            rounds[iso, plan.number] = round_.id
            for position, code in enumerate(codes):
                _add_agenda_item(store, round_.id, topics[code], code, position, focused, past)
            for person, side, role in _delegation(iso, start.year, codes):
                add_to_delegation(store, round_.id, people[person], side, role)
    return rounds


def _add_agenda_item(store: Store, round_id: int, topic_id: int, code: str, position: int, focused: bool,
                     past: bool) -> None:
    objectives, talking_points, questions, partner, outcome = BRIEFS[code]
    minutes = (FOCUSED_MINUTES if focused else BROAD_MINUTES)[position]
    if not focused:
        add_agenda_item(store, round_id, topic_id, position=position, minutes=minutes,
                        objectives="Exchange of views (broad agenda before the 2002 evaluation).",
                        outcome_notes="Brief exchange; no follow-up agreed.")
        return
    confidential = ("Raise the individual cases listed for this round privately, after the plenary. "
                    "Do not name sources." if code in ("HRD", "EXPR") else "")
    add_agenda_item(store, round_id, topic_id, position=position, minutes=minutes, objectives=objectives,
                    talking_points=talking_points, critical_questions=questions, partner_priorities=partner,
                    outcome_notes=outcome if past else "", confidential_notes=confidential)


def _delegation(iso: str, year: int, codes: list[str]) -> list[tuple[str, str, str]]:
    """Both delegations of a round: (person, side, role), each person once."""
    team = TEAMS[iso]
    members = {_by_year(HOME_HEADS, year): ("home", "head"), team["desk"]: ("home", "member")}
    for code in codes:
        expert = HOME_EXPERTS.get(code)
        if expert and expert not in members and sum(role == "expert" for side, role in members.values()) < 2:
            members[expert] = ("home", "expert")
    if "home_interpreter" in team:
        members[team["home_interpreter"]] = ("home", "interpreter")
    members[_by_year(team["heads"], year)] = ("partner", "head")
    members[team["member"]] = ("partner", "member")
    partner_experts = [team["experts"][code] for code in codes if code in team["experts"]]
    for expert in dict.fromkeys(partner_experts).keys():
        if sum(side == "partner" and role == "expert" for side, role in members.values()) < 2:
            members[expert] = ("partner", "expert")
    members[team["interpreter"]] = ("partner", "interpreter")
    return [(person, side, role) for person, (side, role) in members.items()]


def _add_projects(store: Store, countries: dict, topics: dict, institutions: dict, today: datetime.date) -> None:
    for (iso, title, implementer, budget, start, end, status, codes, partners, donors, results,
         description) in PROJECTS:
        project = add_project(
            store, title, countries[iso], topics=[topics[code] for code in codes.split()],
            partners=[institutions[key] for key in partners.split()],
            implementing_institution=institutions[implementer], budget=budget, currency="NOK",
            start_date=_on(start, today), end_date=_on(end, today), status=status, description=description,
        )
        for name, amount in donors:
            add_donor(store, project, name, amount)
        for indicator, baseline, target, actual, as_of in results:
            record_result(store, project, indicator, baseline=baseline, target=target, actual=actual, as_of=as_of)


def _add_cases(store: Store, countries: dict, topics: dict, rounds: dict) -> None:
    for name, iso, code, category, situation, sensitivity, summary, raisings in CASES:
        case = open_case(store, name, countries[iso], topic=topics[code], category=category, situation=situation,
                         sensitivity=sensitivity, summary=f"Illustrative case. Invented person. {summary}")
        for number, response in raisings:
            raise_case(store, case, rounds[iso, number], response)


def _add_follow_ups(store: Store, topics: dict, rounds: dict, today: datetime.date) -> None:
    for iso, number, code, what, owner, due, status, completed, notes in FOLLOW_UPS:
        add_follow_up(store, rounds[iso, number], what, topic=topics[code] if code else None, owner=owner,
                      due_date=_on(due, today), status=status, completed_on=_on(completed, today), notes=notes)


def _add_multilateral(store: Store, countries: dict, topics: dict, today: datetime.date) -> None:
    for forum, title, session, held_on, role, outcome, notes, codes, positions in MULTILATERAL:
        item = add_multilateral_item(store, title, topics=[topics[code] for code in codes.split()], forum=forum,
                                     session=session, held_on=_on(held_on, today), our_role=role, outcome=outcome,
                                     notes=notes)
        for iso, position, note in positions:
            records.create(store, m.MultilateralPosition,
                           {"item": item.id, "country": countries[iso], "position": position, "note": note})
