#!/usr/bin/env python3
"""Build vault/sample/practice.json: an invented practice for trying Quietroom.

Every person, place and story here is fictional. Phone numbers use the
Ofcom ranges set aside for drama (07700 900xxx, 01632 960xxx) and email
addresses use the reserved example.* domains.

Standard library only and deterministic: running it twice writes the same
bytes. Usage:  python3 sample_data/build_practice.py
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from paperwork import PAPERWORK  # sample_data/paperwork.py: consents, releases, disclosures

# The JSON ships inside the package (`quietroom demo` loads it with importlib.resources);
# this folder keeps the generator and its README.
OUT = Path(__file__).resolve().parents[1] / "vault" / "sample" / "practice.json"

# Notes on sessions up to this date are signed; later ones are left as drafts.
SIGN_CUTOFF = date(2026, 11, 8)
EARLIEST = date(2024, 11, 1)
LATEST = date(2026, 11, 15)


# --- text helpers -----------------------------------------------------------


def soap(s: str, o: str, a: str, p: str) -> str:
    return f"Subjective:\n{s}\n\nObjective:\n{o}\n\nAssessment:\n{a}\n\nPlan:\n{p}"


def dap(d: str, a: str, p: str) -> str:
    return f"Data:\n{d}\n\nAssessment:\n{a}\n\nPlan:\n{p}"


def birp(b: str, i: str, r: str, p: str) -> str:
    return f"Behavior:\n{b}\n\nIntervention:\n{i}\n\nResponse:\n{r}\n\nPlan:\n{p}"


def free(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def note(
    kind: str, template: str, text: str, addenda: list[tuple[int, str, str]] | None = None
) -> dict:
    """addenda: (days after the session, HH:MM, text)."""
    n = {"kind": kind, "template": template, "text": text}
    if addenda:
        n["_addenda"] = addenda
    return n


def progress(template: str, text: str, addenda=None) -> dict:
    return note("progress", template, text, addenda)


def intake(text: str) -> dict:
    return note("intake", "free", text)


def contact(text: str) -> dict:
    return note("contact", "free", text)


def process(text: str) -> dict:
    return note("psychotherapy", "free", text)


def week(start: str, n: int) -> date:
    return date.fromisoformat(start) + timedelta(weeks=n)


def session(
    day: date,
    notes: list[dict] | None = None,
    *,
    minutes: int = 50,
    modality: str = "in_person",
    attendance: str = "attended",
    fee: str | None = None,
) -> dict:
    return {
        "_date": day,
        "duration_minutes": minutes,
        "modality": modality,
        "attendance": attendance,
        "_fee": fee,
        "notes": notes or [],
    }


# --- clients ----------------------------------------------------------------


def zoe() -> dict:
    s = "2026-03-10"
    return {
        "first_name": "Zoë",
        "last_name": "Marchetti-Hale",
        "pronouns": "she/her",
        "date_of_birth": "1993-06-02",
        "phone": "07700 900101",
        "email": "zoe.mh@example.com",
        "address": "Flat 3, 22 Tanner's Row, Larkhaven",
        "emergency_contact": {
            "name": "Clara Venn",
            "relationship": "Friend",
            "phone": "07700 900102",
        },
        "status": "active",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Zoë is a 32-year-old freelance graphic designer who self-referred for anxiety that she says has "
                            '"crept up" over the past two years. She describes constant worry about client deadlines, '
                            "rereading emails many times before sending them, and lying awake rehearsing conversations. Sleep "
                            "onset takes one to two hours most nights and she wakes unrefreshed. No prior therapy. Two glasses "
                            "of wine at weekends; no other substances.",
                            'Grew up in Millbrook, the eldest of three. Describes her mother as "exacting" and her father as '
                            "often away for work. Lives alone with her cat; one close friend from art college. Physical health "
                            "good.",
                            'Mental state: well groomed, cooperative, speech slightly rapid, mood "wound up", affect anxious '
                            "and congruent. Thought process linear. Denies suicidal or homicidal ideation, past or present. "
                            "GAD-7 = 14.",
                            "Impression: generalised anxiety with prominent perfectionism and sleep-onset insomnia. Plan: weekly "
                            "CBT-informed sessions to begin with; start a worry log and basic sleep hygiene; agree goals next "
                            "session.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 1),
                [
                    progress(
                        "soap",
                        soap(
                            "Completed the worry log on four of seven days. Most entries were about work feedback and whether a "
                            'client "secretly hated" her logo drafts.',
                            "On time, engaged, brought the written log. Affect anxious but brighter when talking about her cat.",
                            "Good early engagement. Worry content is mostly future-focused and catastrophic; she is starting to "
                            "notice the pattern.",
                            "Introduce worry time, 20 minutes daily at 6 pm. Continue the log. Start a sleep diary.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "soap",
                        soap(
                            'Tried scheduled worry time on five days and says it felt "silly but oddly calming". Still taking '
                            "around 90 minutes to fall asleep.",
                            "Calm, good eye contact, some self-deprecating humour. Sleep diary completed for six nights.",
                            "Partial response to worry postponement. Sleep onset remains the main complaint; late-evening "
                            "emails and screens are likely contributing.",
                            "Stimulus control reviewed: bed for sleep only, get up if awake more than 20 minutes. No work email "
                            "after 9 pm.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 3),
                [
                    progress(
                        "soap",
                        soap(
                            'Kept the email cut-off on most nights and now falls asleep "within about an hour". A difficult '
                            "call with a client replayed in her head for two days.",
                            "Briefly tearful describing the call; recovered quickly. GAD-7 = 12.",
                            "Modest gains in sleep and anxiety. Rumination after perceived criticism is a recurring theme that "
                            "seems linked to early family expectations.",
                            "Begin thought records focused on criticism. Continue the sleep plan.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 5),
                [
                    progress(
                        "soap",
                        soap(
                            "Completed three thought records. Noticed the thought \"if it isn't perfect they'll drop me\" shows "
                            "up every day.",
                            "Engaged and curious; brought the records on her phone.",
                            "Core belief about conditional acceptance identified. Insight is good; emotional shift still "
                            "limited.",
                            "Behavioural experiment: send one email this week after a single proofread and record what "
                            "happens.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 7),
                [
                    contact(
                        "Zoë phoned at 8.40 am to cancel today's 10.00 session because of a migraine. Late cancellation "
                        "policy mentioned gently; she acknowledged it and asked to keep her usual fortnightly slot. No "
                        "concerns about mood or safety raised. Rebooked for 12 May."
                    )
                ],
                attendance="late_cancel",
                fee="75.00",
            ),
            session(
                week(s, 9),
                [
                    progress(
                        "soap",
                        soap(
                            "Sent the single-proofread email and two more like it; nobody mentioned any errors. Says this was "
                            '"a bit of a shock". Sleeping about seven hours on most nights.',
                            "Relaxed posture, laughed easily, described the experiment in detail.",
                            "Experiment disconfirmed the predicted catastrophe. Anxiety reducing and sleep improving.",
                            "Extend experiments to design work: share an early draft with one trusted client before "
                            "polishing.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 11),
                [
                    progress(
                        "soap",
                        soap(
                            "Shared an early draft and got mostly positive feedback plus one change request. Felt a spike of "
                            "anxiety that settled within an hour.",
                            "Animated and reflective. GAD-7 = 9.",
                            "Continued gains. Tolerance of uncertainty is improving and she is applying skills without "
                            "prompting.",
                            "Agree longer-term goals, including setting limits with her mother.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 13),
                [
                    progress(
                        "soap",
                        soap(
                            'Tense after a family dinner where her mother called her freelance income "unstable". Slept badly '
                            "for two nights afterwards.",
                            "Quiet at first, then more expressive. Some jaw clenching noted.",
                            "Family criticism remains a strong trigger for anxiety and poor sleep. Began exploring the link "
                            "between her mother's standards and her own self-criticism.",
                            "Practise a short assertive reply. Keep to the sleep routine.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 15),
                [
                    progress(
                        "soap",
                        soap(
                            "Seen by video while staying with a friend out of town. Used the assertive reply with her mother on "
                            'the phone and calls it "clumsy, but I said it".',
                            "Video connection stable; client alone in a private room. Affect bright.",
                            "First successful attempt at setting a limit with her mother. Confidence growing.",
                            "Back to in-person next time. Keep noticing self-critical thoughts.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 17),
                [
                    progress(
                        "soap",
                        soap(
                            "Three overlapping projects this month. The old habit of working past midnight has come back.",
                            "Tired, yawning at times, but engaged.",
                            "Workload-related slip in the sleep pattern, spotted early by the client herself. Not a full "
                            "return of symptoms.",
                            "Reinstate the 9 pm email cut-off. Simple weekly priorities list for triaging work.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 19),
                [
                    progress(
                        "soap",
                        soap(
                            'Stopping work by 9 pm on most days again. Talked at length about feeling she has to be "the '
                            'easy one" in her family.',
                            "Tearful for part of the session, settled by the end. Used humour to deflect at times.",
                            "Deeper emotional work emerging around her family role. Anxiety stable at a lower level.",
                            "Continue exploring her family role. Self-compassion exercise twice a week.",
                        ),
                    ),
                    process(
                        "I noticed a pull to reassure Zoë quickly when she became tearful, and I think I cut the moment "
                        'short. Her "easy one" role may be showing up with me as well: she apologised twice for crying.\n\n'
                        "Slow down next time and name how she looks after other people's comfort in the room. Worth "
                        "asking myself whether my wish to see steady progress feeds her need to perform well in "
                        "therapy."
                    ),
                ],
            ),
            session(
                week(s, 23),
                [
                    progress(
                        "soap",
                        soap(
                            "Back from a two-week break. One bad night of sleep while travelling; otherwise coped well.",
                            "Rested, smiling, well engaged. GAD-7 = 7.",
                            "Gains held through a change in routine. Good independent use of skills.",
                            "Resume fortnightly. Start relapse-prevention planning.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 27),
                [
                    progress(
                        "soap",
                        soap(
                            "Has been offered a full-time job at a design studio and used a values exercise to think it "
                            "through; creativity and stability came out on top. Leaning towards accepting on a trial basis.",
                            "Calm and organised; brought written notes. Some pressured speech when listing the risks.",
                            "Decision-related anxiety rather than general worry. She is using values rather than fear of "
                            "getting it wrong to guide the choice.",
                            "Plan how to protect sleep and working hours during the first month in a new job.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 31),
                [
                    progress(
                        "soap",
                        soap(
                            "Two weeks into the studio job and enjoying it. Over-prepared for a team review and stayed late "
                            "twice.",
                            "Engaged; described events with humour rather than distress.",
                            "Perfectionism surfacing in a new setting; she identified it herself.",
                            "Experiment: present a draft at the next review without late-night revisions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 33),
                [
                    progress(
                        "soap",
                        soap(
                            "Presented the draft without extra revisions and the feedback was constructive. Mild anxiety "
                            'beforehand that "went away by lunch".',
                            "Relaxed posture, good eye contact. GAD-7 = 6.",
                            "Improvement sustained. Nearly ready for monthly sessions.",
                            "Write a relapse-prevention plan together next session.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 35),
                [
                    progress(
                        "soap",
                        soap(
                            "Brought a first draft of her relapse-prevention plan listing early signs: late emails, rereading "
                            "messages, skipping lunch. Sleeping well apart from one night after a family birthday.",
                            "Calm and engaged.",
                            "Good insight into her early warning signs. Ready to step down to monthly sessions.",
                            "Finalise the plan. Next session in four weeks.",
                        ),
                    )
                ],
            ),
        ],
    }


def daniel() -> dict:
    s = "2024-11-12"
    return {
        "first_name": "Daniel",
        "last_name": "Okonkwo",
        "pronouns": "he/him",
        "date_of_birth": "1978-01-19",
        "phone": "07700 900111",
        "email": "d.okonkwo@example.net",
        "address": "9 Hollis Close, Millbrook",
        "emergency_contact": {
            "name": "Grace Okonkwo",
            "relationship": "Wife",
            "phone": "07700 900112",
        },
        "status": "active",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Daniel is a 46-year-old secondary school history teacher referred by his GP after the death of his "
                            "father in September. He describes low mood, poor concentration in lessons and waking at 4 am most "
                            "mornings. He has been avoiding his father's flat, which still needs clearing, and feels guilty "
                            "that he did not visit more in the last year.",
                            "Married with two children aged 12 and 9. His wife is supportive but he \"doesn't want to burden "
                            'her". Drinking two or three beers most evenings, up from occasional use before the bereavement. '
                            "No previous mental health treatment.",
                            'Mental state: casually dressed, slowed speech, mood "flat", affect restricted and tearful when '
                            'speaking about his father. No psychotic features. Passive thoughts in October that "it would be '
                            'easier not to wake up"; none in the past three weeks, no plan or intent. Protective factors: '
                            "children, church community, work. PHQ-9 = 15.",
                            "Impression: grief with significant depressive symptoms; monitor for a depressive episode. Plan: "
                            "weekly to fortnightly grief-focused sessions, monitor alcohol, safety plan written today and a "
                            "copy given.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "dap",
                        dap(
                            "Sleep still broken, waking around 4 am. One evening without alcohol. Talked about his father's "
                            "illness and the last hospital visit.",
                            "Grief is intense and largely unspoken at home. Alcohol seems to be a way of getting to sleep; he "
                            "is open to cutting down.",
                            "Alcohol-free weeknights as an experiment. Write down three memories of his father for next "
                            "time.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 4),
                [
                    progress(
                        "dap",
                        dap(
                            "Brought a short list of memories, including fishing trips and his father singing in the car. "
                            'Three alcohol-free evenings; says his sleep was "no worse".',
                            "Starting to approach his grief rather than avoid it. Cutting down is going better than he "
                            "expected.",
                            "Continue. Talk about a plan for the flat.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 8),
                [
                    progress(
                        "dap",
                        dap(
                            "Christmas was hard; he spent part of the day alone in the car. Has begun short visits to the flat "
                            "with his brother. PHQ-9 = 11.",
                            "Graded exposure to reminders of his father is under way. Mood slowly improving.",
                            "Fortnightly sessions. Continue graded visits to the flat.",
                        ),
                        addenda=[
                            (
                                2,
                                "17:45",
                                "Late entry: Daniel emailed today to add that he went back to his church choir after "
                                "Christmas. Recorded as a protective factor.",
                            )
                        ],
                    )
                ],
            ),
            session(
                week(s, 10),
                [
                    progress(
                        "dap",
                        dap(
                            "Cleared his father's bookshelves with his brother and kept some books for his son. Cried in the "
                            'car afterwards and felt "lighter" the next day.',
                            "Meaningful progress in grief work. Sleep improving; now waking at 5.30 rather than 4.",
                            "Continue graded tasks. Look at his guilt about visits next session.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 14),
                [
                    progress(
                        "dap",
                        dap(
                            'Talked through guilt about not visiting more. Remembered his father telling him to "stop worrying '
                            'and look after your own". Alcohol now at weekends only.',
                            "Guilt softening as he reconnects with what his father actually wanted. No suicidal thoughts. "
                            "PHQ-9 = 8.",
                            "Optional letter to his father, written at home. Move to monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 24),
                [
                    progress(
                        "dap",
                        dap(
                            "Exam season has brought a heavy workload. Sleep holding at six to seven hours. Feeling irritable "
                            "with students.",
                            "Grief stable; work stress is now the main source of low mood and anxiety.",
                            "Problem-solving on his marking schedule. Monthly review.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 30),
                [
                    progress(
                        "dap",
                        dap(
                            'His father\'s flat has been sold. Mixed feelings of relief and "another goodbye". Family holiday '
                            "booked for August.",
                            "Adaptive mourning. No significant depressive symptoms.",
                            "Next session after the summer holiday.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 40),
                [
                    progress(
                        "dap",
                        dap(
                            'Back from the holiday; thought about his father often but "in a warm way". Starting the new '
                            "school year as head of department.",
                            "Grief is becoming integrated. The new role may bring extra stress.",
                            "Sessions every six to eight weeks for support.",
                        ),
                    ),
                    process(
                        "His father's illness echoes my own family's year and I was moved when he described the singing "
                        "in the car. Watch for over-identifying with him, particularly around guilt. Take to "
                        "supervision in September."
                    ),
                ],
            ),
            session(
                week(s, 48),
                [
                    progress(
                        "dap",
                        dap(
                            "The head of department role is demanding and he is working evenings and weekends. Drinking has "
                            "crept back up to most evenings. Sleep five to six hours.",
                            "Stress-related return of drinking and poor sleep. Risk low; insight good.",
                            "Short block of fortnightly sessions. Reinstate alcohol-free weeknights.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 61),
                [
                    progress(
                        "dap",
                        dap(
                            "Has handed some marking to colleagues and cut weeknight drinking to one or two evenings. The "
                            "holidays passed without major difficulty.",
                            "Improved; coping strategies back in place.",
                            "Monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 71),
                [
                    progress(
                        "dap",
                        dap(
                            "Tension with his wife about the time he gives to work. They have agreed to keep Saturdays for the "
                            "family.",
                            "Moderate relationship strain; he responds well to practical suggestions.",
                            "Review in a month.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 81),
                [
                    progress(
                        "dap",
                        dap(
                            "Mood stable, sleeping well, alcohol occasional. PHQ-9 = 4.",
                            "Depressive symptoms in remission. Still finds sessions helpful for work stress.",
                            "Every six weeks.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 99),
                [
                    progress(
                        "dap",
                        dap(
                            "The second anniversary of his father's death passed in September; he visited the grave with his "
                            "children. A few days of low mood. Has turned down two extra school committees.",
                            "Ordinary grief response to the anniversary. Boundaries at work holding.",
                            "Talk about a planned ending early next year.",
                        ),
                    )
                ],
            ),
        ],
    }


def priya() -> dict:
    s = "2025-06-03"
    return {
        "first_name": "Priya",
        "last_name": "Raman",
        "pronouns": "she/her",
        "date_of_birth": "1988-10-07",
        "phone": "07700 900121",
        "email": "priya.raman@example.org",
        "address": "41 Quarry Hill Road, Larkhaven",
        "emergency_contact": {
            "name": "Arjun Mehta",
            "relationship": "Partner",
            "phone": "07700 900122",
        },
        "status": "active",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Priya is a 36-year-old project manager at a logistics firm who self-referred for exhaustion, "
                            "irritability and poor sleep over the past eight months. She works 55 to 60 hours a week, has not "
                            'taken leave in over a year and says she "dreads Sunday evenings". Her GP started sertraline six '
                            "weeks ago; mild nausea at first, now eased.",
                            "Lives with her partner, Arjun, who is supportive though strained by her hours. Her parents live "
                            "abroad and she speaks to her mother weekly. No previous therapy. Social drinking only.",
                            'Mental state: smartly dressed, alert, normal rate of speech, mood "running on empty", affect '
                            "tired and mildly anxious. No suicidal ideation, intent or plan. PHQ-9 = 13, GAD-7 = 11. Falls "
                            "asleep easily but wakes at 3 am thinking about work.",
                            "Impression: work-related burnout with depressive and anxiety symptoms; middle insomnia. Plan: "
                            "fortnightly sessions; CBT for insomnia; look at workload and boundaries; liaise with GP if there "
                            "are medication concerns.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "soap",
                        soap(
                            "Woke at 3 am on five nights this fortnight. Tried reading when awake but ended up checking work "
                            "email.",
                            "Punctual, tired-looking, engaged; took notes on her phone.",
                            "Middle insomnia kept going by work-related arousal and phone use at night.",
                            "Phone charges outside the bedroom. Sleep diary for two weeks. Short wind-down routine before "
                            "bed.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 4),
                [
                    progress(
                        "soap",
                        soap(
                            "Sleep diary completed for 11 nights; phone out of the bedroom most nights. Taking sertraline "
                            "100 mg daily with no side effects now.",
                            "Looks more rested. Affect brighter.",
                            "Early improvement in sleep continuity. Medication tolerated.",
                            "Introduce a 5 pm planning slot to offload work worries before the evening.",
                        ),
                        addenda=[
                            (
                                14,
                                "18:20",
                                "Correction: the sertraline dose is 50 mg daily, not 100 mg as written above. Priya "
                                "checked her prescription label at today's session; her GP has not changed the "
                                "dose.",
                            )
                        ],
                    )
                ],
            ),
            session(
                week(s, 6),
                [
                    progress(
                        "soap",
                        soap(
                            'Used the planning slot on most workdays and "left the laptop shut" on three evenings. Sleeping '
                            "six to seven hours.",
                            "Relaxed; laughed describing her partner hiding the laptop charger.",
                            "Good response to stimulus control and scheduled worry. The drivers of burnout at work are "
                            "unchanged.",
                            "Start looking at workload and saying no. Pick one task to delegate.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 8),
                [
                    progress(
                        "soap",
                        soap(
                            "Delegated the weekly report to a junior colleague. Felt guilty and checked it twice.",
                            "Engaged; some self-criticism evident.",
                            "Over-responsibility and difficulty trusting others' work keep the overload going.",
                            "Weigh up the cost of checking; limit herself to one check.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 10),
                [
                    progress(
                        "soap",
                        soap(
                            'Took her first full week of leave in over a year. Slept late most days and felt "strange, then '
                            'good".',
                            "Rested, brighter affect. PHQ-9 = 8.",
                            "Mood and energy lift with rest. Going back to work will test the new boundaries.",
                            "Return plan: fixed 6.30 pm finish three days a week.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 14),
                [
                    progress(
                        "soap",
                        soap(
                            "Back at work and kept the 6.30 pm finish on two of the three planned days. Her manager has agreed "
                            "to review her projects.",
                            "Calm and organised.",
                            "Boundaries partly holding. The workplace is responding, which is encouraging.",
                            "Monthly sessions from October if things stay stable.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 18),
                [
                    progress(
                        "soap",
                        soap(
                            'One project has been reassigned after the review. Describes her anxiety as "background, not '
                            'foreground". Sleeping through most nights.',
                            "Relaxed, good eye contact. GAD-7 = 6.",
                            "Substantial improvement in burnout symptoms.",
                            "Monthly.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 24),
                [
                    progress(
                        "soap",
                        soap(
                            "Difficult month: her father had a minor stroke abroad and she flew out for ten days. Slept poorly "
                            "while away.",
                            "Tired and tearful at times, but engaged.",
                            "Understandable distress about her father's health; coping well overall. Not a return of burnout.",
                            "Fortnightly for a month while things settle.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 26),
                [
                    progress(
                        "soap",
                        soap(
                            "Her father is recovering at home with her mother and they speak daily by video. Sleep back to "
                            "normal.",
                            "Brighter and engaged.",
                            "Distress easing as her father's health stabilises.",
                            "Back to monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 37),
                [
                    progress(
                        "soap",
                        soap(
                            "Offered a promotion to lead a larger team. Worried it will undo her progress.",
                            "Thoughtful, some anxious laughter.",
                            "Realistic concern that she can weigh up rather than avoid.",
                            "List the conditions she would need in order to accept safely; review next month.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 45),
                [
                    progress(
                        "soap",
                        soap(
                            "Accepted the promotion with an agreed cap on evening meetings. GP has started tapering sertraline "
                            "to 25 mg.",
                            "Composed and confident.",
                            "Mood stable during the taper so far.",
                            "Monitor mood through the taper; monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 74),
                [
                    progress(
                        "soap",
                        soap(
                            "Busy autumn but she is keeping her finish times. Occasional 3 am waking before big deadlines that "
                            "settles within 20 minutes; off sertraline since May without any return of symptoms.",
                            "Calm, well engaged. PHQ-9 = 4.",
                            "Minimal residual symptoms. Appropriate to plan an ending.",
                            "Two more sessions, then review for discharge.",
                        ),
                    )
                ],
            ),
        ],
    }


def jose() -> dict:
    s = "2025-02-06"
    return {
        "first_name": "José",
        "last_name": "Ibarra",
        "pronouns": "he/him",
        "date_of_birth": "1969-04-30",
        "phone": "07700 900131",
        "email": "jose.ibarra@example.com",
        "address": "2 Ferrier Cottages, Ashcombe",
        "emergency_contact": {
            "name": "Carmen Ibarra",
            "relationship": "Wife",
            "phone": "07700 900132",
        },
        "status": "active",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "José is a 55-year-old self-employed carpenter referred by his GP after three emergency department "
                            "visits for chest pain in the past year, all with normal heart tests. He describes sudden episodes "
                            "of racing heart, breathlessness, tingling hands and fear of dying, two or three times a week. "
                            "Since the last one he has avoided supermarkets, busy cafés and motorway driving, and his wife now "
                            "does most of the shopping.",
                            "Lives with his wife, Carmen; their two adult children live nearby. Bilingual in Spanish and "
                            "English and prefers sessions in English. Three strong coffees a day; no alcohol concerns. No "
                            "previous mental health treatment.",
                            'Mental state: neatly dressed, restless, normal speech, mood "on edge", affect anxious. No '
                            "suicidal ideation. Panic Disorder Severity Scale = 15.",
                            "Impression: panic disorder with agoraphobic avoidance. Plan: weekly CBT for panic with "
                            "psychoeducation, interoceptive exposure and graded real-life exposure; cut down caffeine "
                            "gradually.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 1),
                [
                    progress(
                        "birp",
                        birp(
                            "José reported four panic attacks this week, one in a queue at a petrol station. Checks his pulse "
                            "many times a day.",
                            "Psychoeducation on the panic cycle and the role of body checking; drew his own cycle on the "
                            "whiteboard together.",
                            'Said seeing it drawn out made it "less mysterious". Agreed that checking keeps his attention on '
                            "his heart.",
                            "Panic diary. Halve pulse checking. Switch the afternoon coffee to decaf.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "birp",
                        birp(
                            "Diary completed: three attacks, all in public places. Pulse checking down to a few times a day.",
                            "Taught slow breathing, framed as a way to ride out sensations rather than stop them. First "
                            "interoceptive exercise: one minute of running on the spot.",
                            "His heart rate rose and he became anxious, then noticed the feeling peaked and faded within two "
                            "minutes.",
                            "Daily interoceptive practice at home. Continue the diary.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 3),
                [
                    progress(
                        "birp",
                        birp(
                            "Practised interoceptive exercises on six days. One panic attack this week, shorter than usual.",
                            "Built an exposure hierarchy from the corner shop (low) to motorway driving (high).",
                            'Keen and engaged; put "sitting in a busy café" in the middle of the list.',
                            "First exposure: the corner shop at a busy time, three times this week.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 4),
                [
                    progress(
                        "birp",
                        birp(
                            "Went to the corner shop four times and the supermarket once with Carmen. Anxiety 6/10, dropping "
                            "to 3/10 within ten minutes.",
                            "Reviewed the exposure data and planned the next step. Practised staying with sensations instead of "
                            "leaving.",
                            "Chose to sit for twenty minutes in Café Lumière on the high street, his old Saturday routine, with "
                            "a decaf. Smiled as he described how much he has missed it.",
                            "Café exposure twice this week, noting peak and end anxiety.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 5),
                [
                    progress(
                        "birp",
                        birp(
                            "Sat in the café twice for 25 minutes each time. Peak anxiety 5/10, ending at 2/10. No panic "
                            "attacks this week.",
                            "Reinforced what he learned and discussed safety behaviours such as sitting near the door.",
                            "Realised he always takes the seat closest to the exit and agreed to sit further in next time.",
                            "Drop the exit seat. Next step: the supermarket alone at lunchtime.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 6),
                [
                    progress(
                        "birp",
                        birp(
                            'Shopped alone at lunchtime. One brief spell of dizziness that he "let pass".',
                            "Cognitive work on catastrophic readings of dizziness, reviewing the results of his past heart "
                            "tests.",
                            "Now rates the heart explanation at 30 percent, down from 80 at intake.",
                            "Continue exposures. Plan a short dual carriageway drive with Carmen as passenger.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 8),
                [
                    progress(
                        "birp",
                        birp(
                            "Drove two junctions of the dual carriageway with Carmen. Anxiety peaked at 8/10 and then eased. "
                            "PDSS = 8.",
                            "Went through the drive in detail and reinforced tolerating discomfort.",
                            'Proud but tired; called it "the hardest thing so far".',
                            "Repeat the drive twice, then once alone.",
                        ),
                        addenda=[
                            (
                                1,
                                "09:10",
                                "Correction: the PDSS at this session was 9, not 8. Item 5 was mis-scored when the form "
                                "was totalled.",
                            )
                        ],
                    )
                ],
            ),
            session(
                week(s, 10),
                [
                    progress(
                        "birp",
                        birp(
                            "Completed the drive alone. No panic attacks in three weeks. Back to Saturday coffee with friends.",
                            "Began relapse-prevention planning; talked about expected ups and downs.",
                            "Understood that an occasional spike does not mean failure.",
                            "Monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 15),
                [
                    progress(
                        "birp",
                        birp(
                            "One panic attack after a poor night's sleep and a long working day. Managed it at home without "
                            "seeking medical help.",
                            "Normalised the lapse; reviewed sleep and workload as vulnerability factors.",
                            'Relieved; said he "did everything right and it passed".',
                            "Monthly review. Keep a loose sleep routine during busy jobs.",
                        ),
                    )
                ],
                minutes=30,
                modality="phone",
                fee="80.00",
            ),
            session(
                week(s, 26),
                [
                    progress(
                        "birp",
                        birp(
                            "Stable period. Drove on the motorway to visit his daughter, forty miles away.",
                            "Consolidated gains and reviewed the relapse-prevention plan.",
                            "Confident; asked to pause sessions now that he feels in control.",
                            "Pause here. He will get in touch if panic returns.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 72),
                [
                    progress(
                        "birp",
                        birp(
                            "Came back after a ten-month break following an episode of chest tightness at a family wedding. "
                            "He went outside, slowed his breathing and went back in after ten minutes.",
                            "Reviewed the episode using the panic cycle; discussed heat, alcohol and crowds as triggers.",
                            "Able to call it panic rather than heart trouble; no medical attendance needed.",
                            "A few check-in sessions over the coming months.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 91),
                [
                    progress(
                        "birp",
                        birp(
                            "No panic attacks since the wedding in June. Coffee limited to two cups before noon. Sleep steady.",
                            "Reviewed progress against his intake goals and discussed ending.",
                            "Agrees he has met his goals and would like one final session in the new year.",
                            "Final review session in January.",
                        ),
                    )
                ],
            ),
        ],
    }


def hannah() -> dict:
    s = "2024-11-05"
    return {
        "first_name": "Hannah",
        "last_name": "Kowalczyk",
        "pronouns": "she/her",
        "date_of_birth": "2001-12-11",
        "phone": "07700 900141",
        "email": "hannah.k@example.org",
        "address": "Room 4, 17 Beacon Street, Ashcombe",
        "emergency_contact": {
            "name": "Maja Kowalczyk",
            "relationship": "Sister",
            "phone": "07700 900142",
        },
        "status": "discharged",
        "discharge_date": "2025-09-16",
        "discharge_reason": "Clinical needs exceeded weekly outpatient therapy: restrictive eating and "
        "over-exercise with continuing weight loss and medical risk. Planned, collaborative "
        "ending on transfer to specialist care.",
        "referral": "Bridgeway Eating Disorders Service, Ashcombe: intensive day programme, starting "
        "22 September 2025 (GP-referred, assessed 3 July 2025).",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Hannah is a 22-year-old third-year nursing student referred by her university wellbeing service "
                            "for anxiety and low self-esteem after a two-year relationship ended in the summer. She compares "
                            "herself constantly with other students, struggles to concentrate on placement and sleeps poorly "
                            "in the week before assessments.",
                            "Lives in shared student housing and works weekend shifts as a care assistant. Close to her younger "
                            'sister; relationship with her parents "fine but distant". Runs most days and says exercise is '
                            '"the one thing I\'m good at". Describes her eating as "healthy"; when asked, says she has lost '
                            'some weight since the summer "but not on purpose". No self-harm. Alcohol at social events only.',
                            'Mental state: neat, slim build, polite and somewhat guarded, mood "okay, tired", affect anxious. '
                            "No suicidal ideation. GAD-7 = 12, PHQ-9 = 10.",
                            "Impression: anxiety with low self-worth following the loss of a relationship. Eating and exercise "
                            "to be monitored given the weight change. Plan: weekly sessions; CBT for self-esteem; gentle "
                            "exploration of eating and activity; contact GP with her consent if concerns grow.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 1),
                [
                    progress(
                        "dap",
                        dap(
                            'Talked about her placement on a surgical ward and her fear of being "found out" as incompetent. '
                            "Slept about five hours before her last shift.",
                            "Imposter-type beliefs are prominent. Engaged, though quick to play down her own distress.",
                            "Positive data log: one thing done competently on each placement day.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "dap",
                        dap(
                            'Logged five examples of competent work and dismissed most of them as "anyone could do that". '
                            "Ran twice a day on two days this week.",
                            "Strong discounting of the positive. The increase in running needs attention.",
                            "Continue the log, adding what she would say to a friend. Ask about eating and activity next "
                            "week.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 3),
                [
                    progress(
                        "dap",
                        dap(
                            'Skipping lunch on placement days and running before early shifts. Says she feels "in control" '
                            "when she eats less. Denies bingeing or vomiting.",
                            "Restrictive eating and compulsive exercise are emerging as ways of coping. Risk not yet high but "
                            "needs monitoring.",
                            "Food and activity diary, sharing as much as she feels able. Recommended a GP review including "
                            "weight and bloods; she agreed to book.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 5),
                [
                    progress(
                        "dap",
                        dap(
                            "Saw her GP; weight recorded and bloods normal. Partial food diary shows two meals on most days. "
                            "Anxious about food at Christmas with her family.",
                            "Emerging eating difficulty with marked anxiety about family meals. Partial insight.",
                            "Christmas plan: regular meals and someone to text when struggling. Weekly sessions continue into "
                            "January.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 9),
                [
                    progress(
                        "dap",
                        dap(
                            'Christmas was "survivable". Ate with the family on the day but restricted for several days '
                            "afterwards. Back on placement and running daily.",
                            "Restriction follows perceived over-eating. Body image concerns are now talked about more openly.",
                            "Regular eating (three meals and two snacks) as an experiment. Liaise with GP, with consent.",
                        ),
                    )
                ],
            ),
            session(week(s, 11), attendance="no_show", fee="150.00"),
            session(
                week(s, 13),
                [
                    progress(
                        "dap",
                        dap(
                            "Managed regular eating on about half of days. Felt dizzy on a long shift. Has cut running to once "
                            "a day.",
                            "Some engagement with regular eating, but the physical symptoms are a concern. Ambivalence about "
                            "change is high.",
                            "Weekly weighing at the GP surgery agreed. Motivational work on the pros and cons of change.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 18),
                [
                    progress(
                        "dap",
                        dap(
                            'Completed the pros and cons; "feeling safe" is a pro of restriction and "finishing my degree" '
                            "a con. GP reports further weight loss.",
                            "Ambivalence persists and her weight is still falling. Outpatient therapy alone may not be enough.",
                            "Raised the idea of a specialist eating-disorder assessment; she is reluctant but will think about "
                            "it.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 22),
                [
                    progress(
                        "dap",
                        dap(
                            'Passed her spring placement assessment and says she felt "nothing" when told. Eating '
                            "unchanged; running twice a day again.",
                            "Low mood and emotional numbing alongside restriction. Concerned about the direction of "
                            "travel.",
                            "Raise the specialist referral again next week with GP input.",
                        ),
                    ),
                    process(
                        "I left this session feeling anxious and a little helpless, and noticed I wanted to be more "
                        "directive than would help. She keeps the part of her that wants change at arm's length, and I "
                        "may be holding all of the worry for both of us.\n\n"
                        "For supervision: how to stay alongside her ambivalence while being honest about risk."
                    ),
                ],
            ),
            session(
                week(s, 27),
                [
                    progress(
                        "dap",
                        dap(
                            "Agreed to a specialist referral after her GP explained that her resting heart rate is low. "
                            "Tearful, then relieved. Her sister knows and is supportive.",
                            "An important shift in willingness. Medical risk is being monitored by the GP.",
                            "GP to refer to Bridgeway Eating Disorders Service. Weekly sessions continue while she waits.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 31),
                [
                    progress(
                        "dap",
                        dap(
                            "Waiting for the Bridgeway assessment. Eating a little more regularly since the referral. "
                            'Worried she will be "the thinnest and the fattest there".',
                            "Anticipatory anxiety about treatment; motivation holding.",
                            "Continue weekly support. Prepare questions for the assessment.",
                        ),
                    ),
                    contact(
                        "Telephone call with Dr Farrah Quayle, GP, with Hannah's written consent. The referral to "
                        "Bridgeway has been accepted and an assessment is booked for 3 July. Agreed that I will "
                        "continue weekly support until Bridgeway confirms a start date, and that the GP will continue "
                        "weekly physical checks."
                    ),
                ],
            ),
            session(
                week(s, 36),
                [
                    progress(
                        "dap",
                        dap(
                            "Attended the Bridgeway assessment and has been offered a day programme place from mid-September. "
                            "Worried about pausing her degree.",
                            "The right level of care has been identified. Practical worries about university can be worked "
                            "through.",
                            "Support her to ask the university about interrupting her studies. Begin planning the end of our "
                            "work.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 41),
                [
                    progress(
                        "dap",
                        dap(
                            "The university has approved a one-term interruption. Talked about what she has learned here and "
                            'her fear of "starting again" with new staff.',
                            "Working through the ending; sadness and anxiety expressed appropriately.",
                            "Final session in mid-September before the programme starts.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 45),
                [
                    note(
                        "termination",
                        "dap",
                        dap(
                            "Final session before Hannah starts the Bridgeway day programme on 22 September. We reviewed her "
                            "progress: she can now name restriction as a way of managing anxiety, and she has told her sister "
                            "and two friends. Her weight remains below a healthy range and is checked weekly by her GP.",
                            "Her clinical needs exceed what weekly outpatient therapy can safely offer. The ending is planned "
                            "and agreed, and she knows she can contact the practice after the programme.",
                            "Discharged today. Closing summary sent to the GP and to Bridgeway with her written consent. No "
                            "further appointments booked.",
                        ),
                    )
                ],
            ),
        ],
    }


def tobias() -> dict:
    s = "2025-10-06"
    return {
        "first_name": "Tobias",
        "last_name": "Lindgren",
        "preferred_name": "Toby",
        "pronouns": "he/him",
        "date_of_birth": "2011-03-22",
        "address": "5 Linnet Way, Larkhaven",
        "emergency_contact": {
            "name": "Karin Lindgren",
            "relationship": "Mother",
            "phone": "07700 900151",
        },
        "status": "active",
        "_rate": "150.00",
        "guardians": [
            {
                "name": "Karin Lindgren",
                "relationship": "Mother",
                "phone": "07700 900151",
                "email": "karin.lindgren@example.com",
                "can_access_records": True,
            },
            {
                "name": "Erik Lindgren",
                "relationship": "Father (non-resident)",
                "phone": "07700 900152",
                "email": "erik.l@example.net",
                "can_access_records": False,
            },
        ],
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            'Tobias ("Toby") is a 14-year-old Year 10 pupil referred by his school\'s pastoral lead because '
                            "his attendance has fallen to about 70 percent this term and he has become increasingly withdrawn. "
                            "Seen with his mother, Karin Lindgren, for the first half and alone for the second half. Karin has "
                            "parental responsibility and gave the practice a copy of the child arrangements order; his father, "
                            "Erik, lives in another town and sees Toby every other weekend.",
                            'Karin describes him as "a quiet, funny boy who has disappeared into his room". The family moved '
                            "to Larkhaven fourteen months ago after the separation and Toby changed schools. On school mornings "
                            "he has stomach aches and nausea that ease if he stays at home. He games online late at night with "
                            "friends from his old school and often falls asleep after 1 am.",
                            "Alone, Toby was monosyllabic at first but warmed up talking about games and a drawing app he uses. "
                            'He feels "like everyone is watching" in corridors and the canteen. Denies self-harm and suicidal '
                            "thoughts and says he would tell his mum if that changed. No substance use.",
                            "Impression: social anxiety with school avoidance, in the context of parental separation and a "
                            "move; delayed sleep pattern. Plan: fortnightly individual sessions with short parent check-ins; "
                            "CBT for social anxiety adapted for adolescents; graded return to full attendance with the school; "
                            "sleep routine. Confidentiality and its limits explained to both in age-appropriate terms.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "birp",
                        birp(
                            "Toby attended with his mother and was seen alone. Three full school days this fortnight. "
                            "Lunchtimes are the worst part and he spends them in the library.",
                            "Psychoeducation on anxiety using his canteen example. Introduced a 0 to 10 anxiety thermometer.",
                            "More engaged than last time; rated the canteen 9 and the library 2, and joked about the "
                            'thermometer "breaking".',
                            "Rate anxiety in three school situations. Mother to keep the morning routine consistent.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 4),
                [
                    progress(
                        "birp",
                        birp(
                            "Brought his ratings on his phone. Stomach aches mainly on Mondays. Going to sleep around "
                            "midnight.",
                            "Linked the stomach aches to anxiety. Sleep plan agreed with Toby and then his mother: devices out "
                            "of the bedroom at 11 pm on school nights.",
                            "Reluctant about the devices and negotiated 11 pm rather than 10.30 pm. Agreed to try it for two "
                            "weeks.",
                            "Sleep plan trial. Build an exposure hierarchy next session.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 6),
                [
                    progress(
                        "birp",
                        birp(
                            "Kept the device plan on most school nights and is asleep by about 11.45 pm. Five full days and "
                            "five part days at school.",
                            "Built an exposure hierarchy with him, from saying hello to his form tutor up to eating in the "
                            "canteen with classmates.",
                            'Chose asking a question in maths as the first step. Does not want anyone at school to "make a '
                            'big deal of it".',
                            "First step this fortnight. With his and his mother's consent, phone the pastoral lead about "
                            "low-key support.",
                        ),
                    ),
                    contact(
                        "Telephone call with Ms Adaeze Morrow, pastoral lead at Larkhaven Academy, with written consent "
                        "from Karin Lindgren and with Toby's agreement. Shared only the agreed plan: a library pass at "
                        "lunchtime for the next month, a quiet Monday check-in with his form tutor, and no public "
                        "discussion of his attendance. Ms Morrow agreed and will confirm by email to Karin."
                    ),
                ],
            ),
            session(
                week(s, 8),
                [
                    progress(
                        "birp",
                        birp(
                            "Asked one question in maths and answered one in history. Eight full days at school. His mother "
                            "reports fewer stomach aches.",
                            "Compared what he predicted with what happened. Introduced the spotlight effect.",
                            'Admitted nobody seemed to notice. Asked what the next step "costs".',
                            "Next step: ten minutes in the canteen with a classmate he knows from gaming.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 10),
                [
                    progress(
                        "birp",
                        birp(
                            "Sat in the canteen with a classmate twice; anxiety 7 falling to 4. Looking forward to the "
                            'Christmas break "a bit too much".',
                            "Planned how to hold on to gains over the holidays: wake times within an hour of school days, one "
                            "outing a week.",
                            "Accepted the wake-time rule with a grumble. Christmas Day with his mother, Boxing Day with his "
                            "father.",
                            "Holiday plan. Next session mid-January.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 14),
                [
                    progress(
                        "birp",
                        birp(
                            'The holidays were "fine". Slept late most days; the first week back was hard, with two part '
                            "days. Said he felt caught between his parents at Christmas.",
                            "Normalised the post-holiday dip and gave space to talk about his parents without taking sides.",
                            "Spoke more freely than before about his father and said he misses his old town.",
                            "Restart graded exposure. Check the sleep routine with his mother.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 16),
                [
                    progress(
                        "birp",
                        birp(
                            "Full attendance this fortnight for the first time since September. Has joined a lunchtime art "
                            "club.",
                            "Reinforced progress and explored what he noticed about his anxiety at the club.",
                            'Proud but played it down, saying the club "doesn\'t count" because everyone is quiet.',
                            "Canteen step twice a week. Invite his mother in for ten minutes next time.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 18),
                [
                    contact(
                        "Karin Lindgren phoned at 3.15 pm to cancel today's 4.30 pm session: Toby was sent home from school "
                        "with a temperature. No concerns about his mood. Late cancellation fee waived for sudden illness, "
                        "in line with the practice policy. Rebooked for two weeks' time."
                    )
                ],
                attendance="late_cancel",
                fee="0.00",
            ),
            session(
                week(s, 20),
                [
                    progress(
                        "birp",
                        birp(
                            'Recovered from flu. Ten-minute joint check-in with his mother, who says he is "more himself" at '
                            "home and eating with the family again.",
                            "Brief family review of goals: his mother will stop waking him and he will use his own alarm.",
                            "Toby liked the extra independence; his mother was anxious but agreed to try.",
                            "Own alarm for two weeks. Next exposure step is a short talk in English.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 24),
                [
                    progress(
                        "birp",
                        birp(
                            'Gave a two-minute talk in English about a video game soundtrack. His voice shook but "nobody '
                            'laughed".',
                            'Debriefed with the prediction and outcome sheet; began questioning the thought "they all think '
                            "I'm weird\".",
                            'Came up with a more balanced thought himself: "some people were bored, that\'s normal".',
                            "Move to three-weekly sessions. Plan for the summer exams.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 32),
                [
                    progress(
                        "birp",
                        birp(
                            "Revising for end-of-year exams; anxious but attending. Some stomach aches before tests.",
                            "Taught a short grounding exercise and made a revision timetable with breaks.",
                            'Tried grounding in the session and said it "kind of worked".',
                            "Use grounding before exams. Next session after exams.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 40),
                [
                    progress(
                        "birp",
                        birp(
                            "Exams finished; did better than expected in art and English. Going to his father's for two weeks "
                            "in August.",
                            "Summer plan and a simple relapse-prevention review.",
                            "Engaged; drew his own warning-signs comic strip.",
                            "Break for the summer; resume in September before Year 11 starts.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 48),
                [
                    progress(
                        "birp",
                        birp(
                            "Back at school in Year 11. Some nerves about GCSEs and a new form group; full attendance so far.",
                            "Refreshed coping skills and treated the new form group as an exposure opportunity.",
                            "Relaxed and chatty; he has been asked to help run the art club.",
                            "Fortnightly through the autumn term.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 50),
                [
                    progress(
                        "birp",
                        birp(
                            'Good fortnight. Said his father keeps asking him "what I say in therapy", which makes him '
                            "uncomfortable.",
                            "Explored how he feels about this and went over what is shared with parents and why.",
                            "Relieved to hear that what he says stays private unless there is a safety concern. Wants to "
                            "tell his father himself.",
                            "Toby to talk to his father. Clinician to return the father's phone message (see contact "
                            "note).",
                        ),
                    ),
                    contact(
                        "Returned a phone message from Erik Lindgren, Toby's father, who asked for a summary of Toby's "
                        "sessions. Explained politely that, under the arrangements given to the practice, records and "
                        "clinical updates are shared with Karin Lindgren, and that I cannot share details with him. "
                        "Suggested he speak to Karin or take his own legal advice about access. He was frustrated but "
                        "civil. Karin told about the call by email the same day."
                    ),
                ],
            ),
            session(
                week(s, 53),
                [
                    progress(
                        "birp",
                        birp(
                            'Told his father that sessions are private; "he was fine about it". Mock exams start in '
                            "November.",
                            'Planned revision and sleep for the mocks; used a thought record on "I\'ll fail everything".',
                            "Challenged the thought with evidence from his summer results.",
                            "Keep the school-night sleep routine through half-term.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 57),
                [
                    progress(
                        "birp",
                        birp(
                            "First two mock exams done. Anxious beforehand and used grounding. Full attendance.",
                            "Reviewed coping during exams and reinforced his independent use of skills.",
                            'Said therapy now feels "more like a check-in".',
                            "Talk with Toby and his mother about moving to monthly after the mocks.",
                        ),
                    )
                ],
            ),
        ],
    }


def sungmin() -> dict:
    s = "2026-01-15"
    return {
        "first_name": "Sung-min",
        "last_name": "Park",
        "pronouns": "he/him",
        "date_of_birth": "1996-02-14",
        "phone": "07700 900161",
        "email": "sm.park@example.com",
        "address": "Flat 12, Orchard Mill, Fenwick Cross",
        "emergency_contact": {
            "name": "Theo Marsh",
            "relationship": "Partner",
            "phone": "07700 900162",
        },
        "status": "active",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Sung-min is a 29-year-old architectural assistant who self-referred for anxiety in close "
                            "relationships. He agrees to things he does not want, then feels resentful and withdraws. His "
                            'partner of three years, Theo, has said he "never knows what Sung-min actually thinks", and they '
                            "have argued more in recent months. Also reports tension headaches and lying awake after "
                            "disagreements.",
                            'Grew up in a household where conflict was "loud and then never mentioned"; his parents run a '
                            "small restaurant. Moved here for work four years ago. Social drinking; no drugs. Brief counselling "
                            "at university for exam stress, which helped.",
                            'Mental state: well presented, polite, soft-spoken, often checked whether his answers were "what '
                            'you need". Mood "fine, mostly", affect mildly anxious. No suicidal ideation. GAD-7 = 10.',
                            "Impression: anxiety with conflict avoidance and people-pleasing; relationship difficulties. Plan: "
                            "fortnightly sessions, mostly by video as he works in Fenwick Cross; explore relational patterns; "
                            "assertiveness skills; monitor sleep and headaches.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "soap",
                        soap(
                            'A week without arguments, but he says that is because he "kept quiet about everything". '
                            "Headaches on three days.",
                            "Video session from a closed room at home; audio clear. Affect flat when talking about home.",
                            "Avoidance buys short-term calm at the cost of closeness. Physical anxiety symptoms present.",
                            "Notice moments of holding back and write one line about what he wanted to say.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 4),
                [
                    progress(
                        "soap",
                        soap(
                            "Logged eight moments of holding back, mostly small choices about dinner or weekend plans. Noticed "
                            'a fear that Theo would be "disappointed".',
                            "Video; more animated than last time.",
                            "Predicted disappointment drives the avoidance; awareness is developing.",
                            "State one small preference each day.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 6),
                [
                    progress(
                        "soap",
                        soap(
                            'Stated small preferences and Theo responded well. Felt "oddly exposed" afterwards.',
                            "In person; relaxed, good eye contact.",
                            "Small experiments going well. Discomfort after speaking up is expected and bearable.",
                            "Try a medium-sized topic: how they share the household chores.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 8),
                [
                    progress(
                        "soap",
                        soap(
                            'Raised the chores and it became an argument. He apologised quickly and "took it all back".',
                            "Tired, briefly tearful. Video stable.",
                            "Rapid appeasement under conflict; useful material about his family pattern.",
                            "Explore the family pattern next time. Learn a pause phrase for heated moments.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 12),
                [
                    progress(
                        "soap",
                        soap(
                            "Used the pause phrase once, returned to the chores conversation the next day, and they agreed a "
                            "rota. Sleep better this week.",
                            "Brighter affect, smiling.",
                            "A successful repair after conflict, which is new for him.",
                            "Keep pausing and returning. Talk about conflict in his family of origin.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(week(s, 14), attendance="no_show", modality="telehealth", fee="150.00"),
            session(
                week(s, 16),
                [
                    progress(
                        "soap",
                        soap(
                            "Apologised for missing the last session after mixing up dates around a work deadline. Spoke about "
                            "his father's temper and his mother's silence afterwards.",
                            "Reflective and quiet; affect congruent.",
                            "Clear link between early experience of conflict and his avoidance now.",
                            "Write a short letter to his younger self, not to send.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 20),
                [
                    progress(
                        "soap",
                        soap(
                            "Short phone session while travelling for a site visit. Stable fortnight; handled a disagreement "
                            "with a colleague by stating his view once and listening.",
                            "Phone only; speech relaxed.",
                            "Assertiveness generalising to work.",
                            "Full video session next time.",
                        ),
                    )
                ],
                minutes=30,
                modality="phone",
                fee="80.00",
            ),
            session(
                week(s, 26),
                [
                    progress(
                        "soap",
                        soap(
                            "Theo's parents stayed for a week and he found it hard to say when he needed time alone. Headaches "
                            "came back for two days.",
                            "Tired but engaged.",
                            "Stress in a new relational setting; skills harder to reach when fatigued.",
                            "Script for asking for space. Check sleep and screen time.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 34),
                [
                    progress(
                        "soap",
                        soap(
                            'Asked for an evening alone during a busy week and Theo "didn\'t mind at all". Headaches rare.',
                            "In person; relaxed and humorous. GAD-7 = 6.",
                            "Meaningful improvement in anxiety and assertiveness.",
                            "Space sessions to every three weeks.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 42),
                [
                    progress(
                        "soap",
                        soap(
                            "He and Theo are looking at a bigger flat. Noticed himself deferring about location, then raised "
                            "his own preference.",
                            "Video; calm.",
                            "Continued progress.",
                            "Review in three weeks.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
        ],
    }


def peggy() -> dict:
    s = "2024-11-20"
    return {
        "first_name": "Margaret",
        "last_name": "Doyle",
        "preferred_name": "Peggy",
        "pronouns": "she/her",
        "date_of_birth": "1951-09-03",
        "phone": "01632 960471",
        "address": "Rose Cottage, 3 Church Lane, Millbrook",
        "emergency_contact": {
            "name": "Fiona Baird",
            "relationship": "Daughter",
            "phone": "07700 900172",
        },
        "status": "inactive",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Mrs Doyle, who prefers Peggy, is a 73-year-old retired primary school teacher referred by her GP "
                            "seven months after her husband, Desmond, died following a long illness. She describes loneliness, "
                            'tearful evenings and "not seeing the point of cooking for one". She sleeps in the afternoon and '
                            "then lies awake at night. Her daughter lives in Scotland and her son works abroad; a neighbour is "
                            "supportive.",
                            "Physical health: type 2 diabetes, well controlled; mild hearing loss with hearing aids; walking "
                            "stick outdoors. Prefers telephone sessions over the winter because of the bus journey. No alcohol "
                            "concerns.",
                            'Mental state: neatly dressed, warm, articulate, mood "low and a bit lost", tearful when speaking '
                            'of Desmond. No suicidal ideation; says she "would never do that to the children". GDS-15 = 7.',
                            "Impression: grief with loneliness and a disrupted sleep-wake pattern. Plan: fortnightly sessions, "
                            "mostly by phone; behavioural activation; grief work; a daytime routine to help night-time "
                            "sleep.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "free",
                        free(
                            "Telephone session. Three tearful evenings and one good day when her neighbour took her to the "
                            "garden centre. Still napping most afternoons for up to two hours.",
                            "Agreed one small activity each day before 3 pm and naps of no more than 30 minutes. She will try "
                            "having her main meal at lunchtime.",
                        ),
                    )
                ],
                modality="phone",
            ),
            session(
                week(s, 4),
                [
                    progress(
                        "free",
                        free(
                            "Telephone session; her hearing aids work well with the new handset. Kept naps short on four days "
                            "and fell asleep earlier on those nights. Cooked a proper lunch twice. Talked about the first "
                            'Christmas without Desmond and her worry about "spoiling it" for her daughter.',
                            "Plan: decide with her daughter which traditions to keep and which to change this year. Keep the "
                            "activity schedule.",
                        ),
                    )
                ],
                modality="phone",
            ),
            session(
                week(s, 7),
                [
                    progress(
                        "free",
                        free(
                            'Telephone session. Christmas in Scotland with her daughter was "bittersweet"; she cried at the '
                            "carol service and felt better for it. Home again and finding the house very quiet. Sleep has "
                            "drifted back to late nights.",
                            "Went back over the daytime routine and restarted it. She has joined a weekly reading group at the "
                            "library.",
                        ),
                    )
                ],
                modality="phone",
            ),
            session(
                week(s, 10),
                [
                    progress(
                        "free",
                        free(
                            "Telephone session. Has been to the reading group twice and enjoyed arguing about the book. Naps "
                            'are now rare. Sunday evenings, which were "our evening", are still the hardest.',
                            "We talked about a Sunday ritual that honours Desmond instead of avoiding the time, such as "
                            "looking through photographs over a cup of tea or phoning her son.",
                        ),
                    )
                ],
                modality="phone",
            ),
            session(
                week(s, 13),
                [
                    progress(
                        "free",
                        free(
                            "In-person session; her neighbour drove her. She brought a box of Desmond's things to talk "
                            "through, including his old harmonica, which he played badly at every family party. She laughed "
                            "and cried telling the stories. Mood clearly brighter than at intake; GDS-15 = 4.",
                            "Continue fortnightly. She would like to give some of his things to the grandchildren and will "
                            "talk to her daughter about it.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 16),
                [
                    progress(
                        "free",
                        free(
                            "Telephone session. Her daughter has suggested she move to Scotland into an annexe at her house. "
                            "Peggy feels torn between her friends and home here and being near family. Sleep and appetite "
                            "stable.",
                            "Worked through the decision using what matters most to her; she will stay in the annexe over "
                            "Easter before deciding.",
                        ),
                    )
                ],
                modality="phone",
            ),
            session(
                week(s, 22),
                [
                    progress(
                        "free",
                        free(
                            "Telephone session. After the Easter visit she has decided to move to the annexe in May. Some "
                            "sadness about leaving the house she shared with Desmond, and some relief. She would like to pause "
                            "therapy while she moves and settles.",
                            "Agreed to pause rather than close. She has the practice number and may resume by phone, or ask "
                            "for help finding a service near her daughter. Record set to inactive.",
                        ),
                    )
                ],
                modality="phone",
            ),
        ],
    }


def kwame() -> dict:
    s = "2025-12-02"
    return {
        "first_name": "Kwame",
        "last_name": "Mensah",
        "pronouns": "he/him",
        "date_of_birth": "1983-07-25",
        "phone": "07700 900181",
        "email": "kwame.mensah@example.net",
        "address": "88 Station Road, Larkhaven",
        "emergency_contact": {
            "name": "Abena Mensah",
            "relationship": "Wife",
            "phone": "07700 900182",
        },
        "status": "active",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Kwame is a 42-year-old delivery driver referred by his GP after a road traffic collision in "
                            "August, when his van was hit side-on at a junction. His fractured wrist has healed. Since then he "
                            "has had intrusive memories of the impact, nightmares three or four nights a week, a strong "
                            "startle at the sound of braking, and he avoids the junction and driving at night. He is back at "
                            "work on reduced hours in the warehouse rather than driving.",
                            'Lives with his wife, Abena, and their daughter, aged 7. Sees himself as "the calm one" and feels '
                            'ashamed of being "jumpy". A couple of beers at weekends; no drugs. No previous mental health '
                            "history.",
                            'Mental state: casually dressed, guarded at first, scanning the room; mood "tense", affect '
                            "anxious, briefly tearful describing the crash. No suicidal ideation. PCL-5 = 48. Sleep four to "
                            "five hours with frequent waking.",
                            "Impression: post-traumatic stress disorder after a road traffic collision. Plan: fortnightly "
                            "trauma-focused CBT with psychoeducation, grounding, reliving and updating of hotspots, and a "
                            "graded return to driving; monitor sleep and nightmares.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "birp",
                        birp(
                            "Kwame reported five nightmares this fortnight and snapped at his daughter when she shouted "
                            "suddenly. Has not driven at all.",
                            "Psychoeducation on trauma reactions and why the memory feels current. Taught 5-4-3-2-1 grounding.",
                            'Said it helped to hear he is "not going mad". Practised grounding in the session with some '
                            "relief.",
                            "Grounding when startled or after nightmares. Sleep and nightmare diary.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 5),
                [
                    progress(
                        "birp",
                        birp(
                            "Diary completed: nightmares on four nights, usually around 3 am. Used grounding after two of them "
                            "and got back to sleep.",
                            "Wrote a timeline of the collision together and identified the moment of impact as a likely "
                            "hotspot.",
                            "Tense and tearful while writing the timeline but chose to carry on.",
                            "Begin imaginal reliving next session. Continue grounding and the diary.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 7),
                [
                    progress(
                        "birp",
                        birp(
                            "Arrived early and said he nearly cancelled. First imaginal reliving of the collision, in the "
                            "present tense with eyes closed.",
                            'Guided reliving with distress ratings every few minutes; identified the hotspot "I thought my '
                            'daughter would grow up without me".',
                            'Peak distress 90, down to 50 by the end. Exhausted but said it was "less bad than I feared".',
                            "Listen to the session recording once a day. Self-care plan for this evening.",
                        ),
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 9),
                [
                    progress(
                        "birp",
                        birp(
                            "Listened to the recording on most days; distress at the hotspot is falling. Two nightmares this "
                            "fortnight.",
                            "Updated the hotspot with what he knows now: he survived and was home within two days.",
                            "Said the update aloud during reliving; distress at the hotspot fell to 40.",
                            "Continue the recordings with the update. Plan a visit to the junction as a passenger.",
                        ),
                    )
                ],
            ),
            session(week(s, 11), attendance="no_show", fee="150.00"),
            session(
                week(s, 13),
                [
                    progress(
                        "birp",
                        birp(
                            'Missed the last session and says he "forgot", but agreed it was the week he had planned to '
                            "visit the junction. Has not yet been.",
                            "Talked about avoidance without judgement and broke the visit into steps: street view on the "
                            "computer, then a passenger visit with Abena.",
                            "Looked at the junction on street view in the session; distress 60, falling to 30.",
                            "Passenger visit with Abena this fortnight.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 15),
                [
                    progress(
                        "birp",
                        birp(
                            "Visited the junction as a passenger with Abena; distress peaked at 75. Sleeping six hours most "
                            "nights.",
                            "Reviewed the visit and what he learned: the junction is a place, not the danger itself.",
                            "Noticed that new traffic lights have been put in, which he found reassuring.",
                            "Drive a short, familiar route in daylight. Continue the nightmare diary.",
                        ),
                        addenda=[
                            (
                                2,
                                "16:30",
                                "Late-reported detail: Kwame phoned today to say he also drove around the block alone "
                                "the day after our session. He had not mentioned it because he \"didn't think it "
                                'counted". Recorded as a successful unplanned exposure.',
                            )
                        ],
                    )
                ],
            ),
            session(
                week(s, 19),
                [
                    progress(
                        "birp",
                        birp(
                            "Drove the school run three times in daylight. One nightmare this fortnight. PCL-5 = 31.",
                            "Extended the driving hierarchy to busier roads and dusk.",
                            "Motivated; raised the idea of going back to delivery driving.",
                            "Drive at dusk twice. Ask occupational health about options for returning to driving.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 23),
                [
                    progress(
                        "birp",
                        birp(
                            'Drove at dusk once and felt "wired" all evening but slept. Spoke about shame at being '
                            '"weak" in front of his family.',
                            "Explored the shame-based belief and offered a compassionate reframe of his reactions as "
                            "survival responses.",
                            "Quiet and tearful; said no one had put it like that to him before.",
                            "Share some of this with Abena if he feels able.",
                        ),
                    ),
                    process(
                        'This session stayed with me. His shame about being "weak" touched on how I was brought up to '
                        "think about men and strength, and I noticed an urge to rush in and rescue him from it.\n\n"
                        "Keep allowing silence. Consider a joint session with Abena only if he raises it."
                    ),
                ],
            ),
            session(
                week(s, 27),
                [
                    progress(
                        "birp",
                        birp(
                            'Told Abena about the shame; she said she had been worried he would "shut her out". Drove on the '
                            "ring road for the first time.",
                            "Reinforced the support at home and reviewed the driving hierarchy.",
                            "Relaxed and pleased; nightmares now rare.",
                            "Occupational health meeting next week about a phased return to driving.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 33),
                [
                    progress(
                        "birp",
                        birp(
                            "Seen by video because of a shift change. Occupational health have agreed a phased return to "
                            "daytime delivery routes from next month.",
                            "Planned coping for the first driving shifts, including grounding at red lights.",
                            'Some anxiety, but calls himself "ready enough".',
                            "Check in after the first two weeks of driving.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 39),
                [
                    progress(
                        "birp",
                        birp(
                            "Two weeks of daytime routes done. One moment of panic when a van pulled out suddenly; he pulled "
                            "over, grounded himself and carried on.",
                            "Reviewed the incident as evidence of coping and started relapse-prevention planning.",
                            'Recognised that he handled it "like a professional". PCL-5 = 18.',
                            "Monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 45),
                [
                    progress(
                        "birp",
                        birp(
                            "Driving full routes, including some evenings. No nightmares in six weeks; startle much reduced.",
                            "Completed a written relapse-prevention plan.",
                            "Engaged; asked to keep a couple of sessions before ending.",
                            "Two more monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 49),
                [
                    progress(
                        "birp",
                        birp(
                            "Since the clocks went back he has been driving late routes in the dark. More alert than usual in "
                            "the first week, settling since.",
                            "Reviewed the relapse-prevention plan for winter driving conditions.",
                            "Confident; plans to finish in December.",
                            "Final session in December.",
                        ),
                    )
                ],
            ),
        ],
    }


def leila() -> dict:
    s = "2026-02-18"
    return {
        "first_name": "Leila",
        "last_name": "Haddad",
        "pronouns": "she/her",
        "date_of_birth": "1999-05-17",
        "phone": "07700 900191",
        "email": "leila.h@example.org",
        "address": "Flat B, 60 Guild Street, Ashcombe",
        "emergency_contact": {
            "name": "Sami Haddad",
            "relationship": "Brother",
            "phone": "07700 900192",
        },
        "status": "active",
        "_rate": "90.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Leila is a 26-year-old second-year PhD student in marine ecology at Ashcombe University, "
                            "self-referred for procrastination, anxiety about her thesis and harsh self-criticism. She was "
                            "diagnosed with ADHD last year by the adult service and takes methylphenidate prescribed by her "
                            'GP, which helps her focus in the mornings. She "loses whole days" to email and switching '
                            "between tasks, then works through the night before supervision meetings.",
                            "Lives with two housemates; close to her older brother. Her family live in the north. Money is "
                            "tight on her stipend, so a sliding-scale fee was agreed. No alcohol or drug concerns and no "
                            "history of self-harm.",
                            "Mental state: brightly dressed, fidgety, warm and talkative, at times tangential but easily "
                            'redirected. Mood "stressed and annoyed with myself", affect anxious with humour. No suicidal '
                            "ideation. GAD-7 = 13. Sleep irregular, typically 2 am to 9 am.",
                            "Impression: ADHD (diagnosed) with secondary anxiety and self-critical thinking; irregular sleep. "
                            "Plan: fortnightly sessions; ADHD-informed CBT for planning, starting tasks and self-compassion; "
                            "regularise sleep.",
                        )
                    )
                ],
                minutes=80,
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "dap",
                        dap(
                            "Described a typical day: starts well, then loses focus after lunch when her medication wears off. "
                            "Missed the deadline for a conference abstract.",
                            "The afternoon dip is predictable and can be planned around. Self-blame after missed deadlines "
                            "feeds avoidance.",
                            "Put demanding tasks before 1 pm. Try an online co-working group in the afternoons.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 4),
                [
                    progress(
                        "dap",
                        dap(
                            "Joined co-working on three afternoons and wrote 800 words. Stayed up until 3 am twice to finish "
                            "lab analysis.",
                            "Working alongside others helps. Late nights undermine the next day's focus and mood.",
                            'A firm stop at midnight with an alarm labelled "future Leila says thanks". Sleep diary.',
                        ),
                    )
                ],
            ),
            session(
                week(s, 6),
                [
                    contact(
                        "Leila did not arrive for her 10.00 session. Phoned at 10.15 and left a voicemail. She rang back "
                        "at 2 pm from hospital, where she had been admitted overnight with suspected appendicitis. No-show "
                        "fee waived. Wished her well; she will ring to rebook once discharged."
                    )
                ],
                attendance="no_show",
                fee="0.00",
            ),
            session(
                week(s, 8),
                [
                    progress(
                        "dap",
                        dap(
                            "Had her appendix removed and is recovering well. Two weeks behind on lab work and worried her "
                            "supervisor is disappointed.",
                            "Catastrophic predictions about her supervisor; a realistic setback being read as personal "
                            "failure.",
                            "Draft a short email to her supervisor explaining the delay. Ease back into work.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 10),
                [
                    progress(
                        "dap",
                        dap(
                            "Her supervisor replied kindly and extended a deadline, which surprised her. Sleep more regular "
                            "during recovery, midnight to 8 am.",
                            "Evidence against her predicted rejection. Recovery has reset her sleep, which is an opportunity.",
                            "Keep the midnight stop. Break the literature review into 25-minute tasks.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 14),
                [
                    progress(
                        "dap",
                        dap(
                            'Completed 14 focused blocks this fortnight. Notices self-talk like "a real scientist would be '
                            'faster".',
                            "Starting tasks is easier with structure. Self-critical comparisons remain strong.",
                            "Write to herself as she would to a struggling undergraduate she tutors.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 18),
                [
                    progress(
                        "dap",
                        dap(
                            'Wrote the letter and found it "cringey but true". Presented at a lab meeting without staying up '
                            "the night before.",
                            "Significant behavioural change. GAD-7 = 9.",
                            "Plan for the July fieldwork trip: make routines portable.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 24),
                [
                    progress(
                        "dap",
                        dap(
                            "Video session from the field station after two weeks of sampling. Routines slipped but she "
                            '"didn\'t spiral". Her medication ran out for two days.',
                            "Coped with disruption. Medication supply needs planning before future trips.",
                            "Ask the GP about an early prescription before travel. Resume the lab routine on return.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 28),
                [
                    progress(
                        "dap",
                        dap(
                            "Back in the lab analysing field samples and overwhelmed by the amount of data.",
                            "Overwhelm triggers avoidance; structure has helped before.",
                            "Break the analysis into a visible checklist on the wall. Co-working three afternoons a week.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 32),
                [
                    progress(
                        "dap",
                        dap(
                            "Checklist half done. Argued with a housemate about noise late at night, which has been disturbing "
                            "her sleep.",
                            "Noise is adding to her stress. She dealt with the conflict directly, which is new.",
                            "Earplugs and a white-noise app. Continue the analysis plan.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 38),
                [
                    progress(
                        "dap",
                        dap(
                            "Submitted her annual progress report on time for the first time. Mostly sleeping midnight to "
                            "8 am.",
                            "Clear progress with planning and self-compassion; anxiety moderate and manageable.",
                            "Talk about moving to three-weekly sessions.",
                        ),
                    )
                ],
            ),
        ],
    }


def rowan() -> dict:
    s = "2025-08-13"
    return {
        "first_name": "Rowan",
        "last_name": "Fairweather",
        "pronouns": "they/them",
        "date_of_birth": "1994-11-28",
        "phone": "07700 900105",
        "email": "rowan.fw@example.com",
        "address": "Flat 1, 14 Baker's Yard, Larkhaven",
        "emergency_contact": {
            "name": "Ellie Fairweather",
            "relationship": "Sister",
            "phone": "07700 900106",
        },
        "status": "active",
        "_rate": "90.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Rowan (they/them) is a 30-year-old illustrator who was made redundant by a small publisher in "
                            "June. They self-referred for low mood, loss of interest in drawing, and sleeping ten to eleven "
                            "hours a day while still feeling exhausted. Appetite reduced. They describe thoughts that they "
                            'are "a waste of space" and have withdrawn from friends.',
                            "Lives alone in a rented flat above a bakery. Close to their sister, who encouraged them to seek "
                            "help. A previous episode of depression at 19 was treated with counselling and an antidepressant, "
                            "stopped after a year. Not on medication now and would prefer to try therapy first. A few drinks a "
                            "week; no drugs. Sliding-scale fee agreed because of lost income.",
                            'Mental state: casually dressed, hair unwashed, slowed movements, soft speech, mood "grey", '
                            "affect flat. Passive thoughts in the past month that \"it wouldn't matter if I wasn't here\"; no "
                            "plan or intent and no history of self-harm or attempts. Protective factors: their sister, their "
                            "cat, not wanting to hurt their family. Safety plan completed. PHQ-9 = 19.",
                            "Impression: recurrent depression, current episode moderate to severe. Plan: weekly sessions at "
                            "first; behavioural activation; risk reviewed every session; suggest a GP review about medication; "
                            "regularise sleep.",
                        )
                    )
                ],
                minutes=80,
            ),
            session(
                week(s, 1),
                [
                    progress(
                        "soap",
                        soap(
                            "Sleeping until noon most days. Managed one walk to the shop. Passive thoughts still there but less "
                            "often.",
                            "Flat affect, slowed speech, some eye contact. Safety plan reviewed; it is on their fridge.",
                            "Severe depressive symptoms with low, passive risk; protective factors intact.",
                            "One small planned activity a day. Alarm at 9.30 am. GP appointment about medication.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "soap",
                        soap(
                            "Got up with the alarm on four days and walked to the park twice. GP appointment booked.",
                            "Showered and dressed with more care than last week. Slight smile when talking about the cat.",
                            "Early response to behavioural activation. Risk low; no active ideation.",
                            "Add one mastery activity, such as a five-minute sketch, and one social contact.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 3),
                [
                    progress(
                        "soap",
                        soap(
                            'Read a journal entry aloud: "I wrote [bold]NOT MY FAULT[/bold] at the top of the page, like the '
                            'tags in our old editing software, because apparently I need it in bold to believe it." Said it '
                            "was about the redundancy; GP has started sertraline 50 mg.",
                            "More animated while reading, with some dry humour. Affect reactive.",
                            "Beginning to challenge self-blame about the redundancy. Medication started; watch for side "
                            "effects and any change in risk.",
                            'Keep journalling. Collect evidence for and against "I\'m a waste of space".',
                        ),
                    )
                ],
            ),
            session(
                week(s, 5),
                [
                    progress(
                        "soap",
                        soap(
                            'Sketched on three days, "badly, but I did it". Mild nausea on sertraline in the first week, now '
                            "easing. Sleeping nine hours.",
                            "Brighter affect. PHQ-9 = 15.",
                            "Improving. Sleep moving towards a healthy range.",
                            "Continue the activity plan. Get in touch with a former colleague about freelance work.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 7),
                [
                    progress(
                        "soap",
                        soap(
                            "The former colleague offered a small freelance job. Felt panicky about the deadline.",
                            "Anxious but engaged; foot tapping.",
                            "Performance anxiety now prominent alongside improving mood.",
                            "Break the job into steps and schedule rest.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 9),
                [
                    progress(
                        "soap",
                        soap(
                            "Finished the freelance job and was paid. Worried about their sister's wedding next month and "
                            'being asked "so what do you do now?"',
                            "Engaged, some laughter. No passive suicidal thoughts in the past fortnight.",
                            "Mood improving; social anxiety about identity and work.",
                            "Prepare a short, honest answer to the question.",
                        ),
                    ),
                    process(
                        "Rowan's humour is disarming and I caught myself laughing along while they described something "
                        "painful. I want to notice the humour as a shield, gently and without shaming it.\n\n"
                        "I also feel protective of them, perhaps because of the redundancy. Watch that this does not "
                        "lead me to avoid the harder conversations about risk."
                    ),
                ],
            ),
            session(
                week(s, 13),
                [
                    progress(
                        "soap",
                        soap(
                            "Went to the wedding and gave a short, honest answer about freelancing. Danced, left early, slept "
                            "well.",
                            "Bright and relaxed. PHQ-9 = 10.",
                            "Good progress; social avoidance reducing.",
                            "Move to fortnightly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 18),
                [
                    progress(
                        "soap",
                        soap(
                            "The dark afternoons are hard and motivation has dipped. Still sketching most days and has two "
                            "small freelance clients.",
                            "Tired; affect mildly low.",
                            "Seasonal dip rather than relapse. Risk low.",
                            "Daily morning walk in daylight. Keep up social contact over the holidays.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 22),
                [
                    progress(
                        "soap",
                        soap(
                            "Seen by video because of snow. Spent Christmas with their sister's family and enjoyed it more than "
                            "expected.",
                            "Video from home, cat in view; affect brighter.",
                            "Mood stable.",
                            "Continue fortnightly.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(
                week(s, 28),
                [
                    progress(
                        "soap",
                        soap(
                            'Turned down after an interview for an in-house illustrator job. Thought "see, you\'re useless" '
                            "and caught it.",
                            "Disappointed and reflective.",
                            "Able to spot and question depressive thoughts as they happen.",
                            "Review what went well at interview. Keep the freelance work going.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 36),
                [
                    progress(
                        "soap",
                        soap(
                            "Freelance work now covers the rent. Has started a weekly life-drawing class.",
                            "Animated; brought a sketchbook to show.",
                            "Substantial recovery. PHQ-9 = 6.",
                            "Discuss continuing medication with the GP. Monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 48),
                [
                    progress(
                        "soap",
                        soap(
                            "The anniversary of the redundancy passed in June with a few low days. Planning a small exhibition "
                            "with the life-drawing group.",
                            "Relaxed and engaged. Sleeping around eight hours.",
                            "Mood stable; low days short-lived.",
                            "Monthly sessions.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 60),
                [
                    progress(
                        "soap",
                        soap(
                            "The exhibition went well and they sold two drawings. GP plans to start tapering sertraline in the "
                            "new year.",
                            "Bright, humorous, good eye contact.",
                            "Sustained recovery.",
                            "Plan support around the taper.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 65),
                [
                    progress(
                        "soap",
                        soap(
                            "Shorter days again; sleep is steady and they are keeping the morning walks going.",
                            "Calm and engaged.",
                            "No sign of the seasonal dip seen last year so far.",
                            "Relapse-prevention plan next session, then review frequency.",
                        ),
                    )
                ],
            ),
        ],
    }


def ines() -> dict:
    s = "2026-09-03"
    return {
        "first_name": "Inês",
        "last_name": "Carvalho",
        "pronouns": "she/her",
        "date_of_birth": "1975-08-09",
        "phone": "07700 900115",
        "email": "ines.carvalho@example.com",
        "address": "27 Marsh Lane, Millbrook",
        "emergency_contact": {
            "name": "Tomás Carvalho",
            "relationship": "Husband",
            "phone": "07700 900116",
        },
        "status": "active",
        "_rate": "150.00",
        "sessions": [
            session(
                week(s, 0),
                [
                    intake(
                        free(
                            "Inês is a 51-year-old school administrator referred by her GP for persistent worry about her "
                            "health since her sister's cancer diagnosis last year; her sister is now in remission. She checks "
                            "her body for lumps every day, searches symptoms online for an hour or more most evenings, and has "
                            'asked her GP for four sets of tests this year, all normal. Reassurance helps for "a day or '
                            'two". Checking and night-time worry disturb her sleep.',
                            "Married with two teenage children. Grew up abroad and moved here in her twenties. Drinks rarely; "
                            "no drugs. No previous mental health treatment, and she feels embarrassed to be here.",
                            'Mental state: smartly dressed, articulate, mood "worried all the time", affect anxious; '
                            'repeatedly asked whether her symptoms are "normal". No suicidal ideation. Short Health Anxiety '
                            "Inventory = 28.",
                            "Impression: health anxiety. Plan: weekly CBT for health anxiety covering psychoeducation and "
                            "reducing checking, reassurance-seeking and online searching; address sleep.",
                        )
                    )
                ],
                minutes=80,
                fee="200.00",
            ),
            session(
                week(s, 1),
                [
                    progress(
                        "dap",
                        dap(
                            "Kept a log of checking and searching: checks her breasts and neck six to eight times a day and "
                            "searches symptoms for about 70 minutes most evenings.",
                            "High levels of safety behaviour keeping the anxiety going. Motivated to change.",
                            "Handout on the health anxiety cycle. First step: limit evening searching to 30 minutes.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 2),
                [
                    progress(
                        "dap",
                        dap(
                            "Kept searching to 30 minutes on five evenings. Asked her husband for reassurance many times about "
                            "a headache.",
                            "Reassurance-seeking is moving from the internet to the family.",
                            "Agree with her husband a way to respond kindly without reassuring. Discuss what checking is "
                            "for.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 3),
                [
                    progress(
                        "dap",
                        dap(
                            'Her husband joined for the last 15 minutes with her agreement. They settled on the phrase "I can '
                            "see you're worried; what does your plan say?\"",
                            "The family is now working together and both can see the reassurance cycle.",
                            "Use the agreed phrase for two weeks. Limit body checking to once a day.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 5),
                [
                    progress(
                        "dap",
                        dap(
                            "Body checking down to once or twice a day. One bad night after a friend mentioned a colleague's "
                            "illness; about four hours' sleep.",
                            "Progress with checking; other people's illness stories are still strong triggers.",
                            "Practise letting the thought pass. Continue the log.",
                        ),
                    )
                ],
                modality="telehealth",
            ),
            session(week(s, 6), attendance="late_cancel", fee="75.00"),
            session(
                week(s, 7),
                [
                    progress(
                        "dap",
                        dap(
                            "Cancelled last week at short notice because of a school event. Searched online only twice this "
                            "week. Anxious about a routine mammogram next week.",
                            "Searching much reduced. Routine screening is a fair test of the new skills.",
                            "Attend the screening without extra checking beforehand; write down predictions and the "
                            "outcome.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 9),
                [
                    progress(
                        "dap",
                        dap(
                            "Attended the mammogram and predicted a 90 percent chance of being recalled. The result was normal. "
                            'Noticed the relief was shorter than usual and that she "didn\'t need it as much".',
                            "A shift in her relationship with reassurance. Short Health Anxiety Inventory = 19.",
                            "Start work on beliefs about vulnerability and her sister's illness.",
                        ),
                    )
                ],
            ),
            session(
                week(s, 10),
                [
                    progress(
                        "dap",
                        dap(
                            "Talked about her sister's treatment last year and her fear that \"it's my turn next\". Cried for "
                            "the first time in our sessions.",
                            "Grief and fear beneath the health anxiety are now within reach.",
                            "Continue weekly; begin work on beliefs about vulnerability.",
                        ),
                    )
                ],
            ),
        ],
    }


CLIENTS = [zoe, daniel, priya, jose, hannah, tobias, sungmin, peggy, kwame, leila, rowan, ines]

PRACTICE = {
    "clinician_name": "Miriam Oduya",
    "credentials": "MA, UKCP-registered psychotherapist",
    "practice_name": "Cedar Lantern Psychotherapy",
    "jurisdiction": "England and Wales",
}


# --- assembly ---------------------------------------------------------------


def stamp(day: date, hhmm: str) -> str:
    return f"{day.isoformat()}T{hhmm}:00"


def evening(day: date, ci: int, si: int, ni: int) -> str:
    """A deterministic time between 18:00 and 20:59 on the session day."""
    minutes = (ci * 37 + si * 23 + ni * 11) % 180
    return stamp(day, f"{18 + minutes // 60:02d}:{minutes % 60:02d}")


CLIENT_KEYS = [
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "emergency_contact",
    "intake_date",
    "status",
    "discharge_date",
    "discharge_reason",
    "referral",
    "guardians",
    "sessions",
]


def build() -> dict:
    clients = []
    for ci, make in enumerate(CLIENTS):
        raw = make()
        rate = raw.pop("_rate")
        sessions = []
        for si, sess in enumerate(raw["sessions"]):
            day = sess["_date"]
            fee = sess["_fee"] or rate
            out = {
                "date": day.isoformat(),
                "duration_minutes": sess["duration_minutes"],
                "modality": sess["modality"],
                "attendance": sess["attendance"],
                "fee": fee,
                "notes": [],
            }
            for ni, n in enumerate(sess["notes"]):
                item = {"kind": n["kind"], "template": n["template"], "text": n["text"]}
                if day <= SIGN_CUTOFF:
                    item["signed"] = True
                    item["signed_at"] = evening(day, ci, si, ni)
                    if "_addenda" in n:
                        item["addenda"] = [
                            {"text": text, "signed_at": stamp(day + timedelta(days=after), hhmm)}
                            for after, hhmm, text in n["_addenda"]
                        ]
                else:
                    item["signed"] = False
                    assert "_addenda" not in n, "addenda only on signed notes"
                out["notes"].append(item)
            sessions.append(out)
        raw["sessions"] = sessions
        raw["intake_date"] = sessions[0]["date"]
        client = {k: raw[k] for k in CLIENT_KEYS if k in raw}
        client.update(PAPERWORK.get(raw["first_name"], {}))
        clients.append(client)
    assert len(clients) == len({c["first_name"] for c in clients}), "paperwork is by first name"
    return {"practice": PRACTICE, "clients": clients}


def main() -> None:
    data = build()
    OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
