"""The demo clinic's patient information, in the clinic's own words.

Facts come from the public articles in ../shared/sources (their wording and their claims
are not used where the evidence does not back them) and from the guidance and reviews
listed in clinic.demo_sources, which each page names. Effectiveness is stated as the
research states it; mechanisms are what researchers think, not fact.
"""

from clinic.demo_conditions import CONDITIONS
from clinic.demo_faq import FAQ
from clinic.demo_sources import REVIEW, SOURCES

__all__ = ["CONDITIONS", "FAQ", "INFO_PAGES", "REVIEW", "SOURCES"]

INFO_PAGES = [
    {
        "slug": "what-is-acupuncture",
        "title": "What acupuncture is",
        "summary": "Very fine, single-use needles placed at chosen points, usually for 10 to 30 minutes.",
        "body": (
            "Acupuncture comes from China, where it has been used for well over two thousand "
            "years. A practitioner slides very fine, sterile, single-use needles through the "
            "skin at chosen points and leaves them in for a short while.\n\n"
            "Traditional Chinese medicine explains the points in terms of an energy called "
            "*Qi* moving along channels (meridians). That is a traditional belief; science "
            "has not found such channels. Western medical acupuncture describes the same "
            "needling in terms of the nerves and muscles it stimulates. You do not have to "
            "accept either view to try it.\n\n"
            "Needles are not always put where it hurts. For back pain they may also go in "
            "the hips, legs, hands, feet or ears.\n\n"
            "## Acupuncture and dry needling\n\n"
            "Some physiotherapists offer dry needling, which uses the same kind of needle but "
            "aims only at tight, tender spots in muscle. Acupuncture uses a wider set of "
            "points. Whichever you have, the person needling you should be trained and on a "
            "register you can check: see [How to choose a qualified practitioner]"
            "(/treatment/choosing-a-practitioner/).\n\n"
            "## What we do not do\n\n"
            "We do not diagnose the cause of back pain. If you do not know why your back "
            "hurts, or it is changing, start with your GP or an NHS physiotherapist; in many "
            "areas you can refer yourself to NHS physiotherapy."
        ),
        "sources": ["nhs-acupuncture", "nhs-back-pain"],
    },
    {
        "slug": "how-it-may-help-back-pain",
        "title": "What the research says about acupuncture for back pain",
        "summary": "Short-term relief for some people with long-lasting back or neck pain; little more than sham needling.",
        "body": (
            "We would rather you hear this plainly from us.\n\n"
            "## What trials have found\n\n"
            "- **Long-lasting low back pain and neck pain.** Reviews of many trials find that "
            "some people have less pain and find everyday tasks a little easier in the weeks "
            "to few months after a course of acupuncture, which is as long as most trials "
            "followed them. Others notice little or no change.\n"
            "- **Compared with sham needling** (needles placed at the 'wrong' points, or "
            "blunt needles that do not go through the skin), real acupuncture does only "
            "slightly better. Much of the benefit people feel may come from the time, "
            "attention and expectation that are part of any treatment.\n"
            "- **Recent back pain** (the first few weeks). A 2013 review by Lee and "
            "colleagues found that acupuncture might ease it, but the studies were small and "
            "had weaknesses, and most new back pain gets better by itself anyway.\n"
            "- **Named diagnoses** such as a slipped disc, spinal stenosis or "
            "spondylolisthesis. There is little good research on acupuncture for any of them "
            "in particular, and for sciatica the trials are few, small and mixed.\n\n"
            "## What NICE and the NHS say\n\n"
            "NICE writes the guidelines the NHS in England follows. Its guideline on low back "
            "pain and sciatica (NG59, 2016) says acupuncture should **not** be offered for "
            "low back pain, with or without sciatica, because the benefit over sham was too "
            "small. (An earlier NICE guideline, from 2009, had recommended it.) Acupuncture "
            "is rarely available on the NHS for back pain, and most people who have it pay "
            "privately.\n\n"
            "## How it might work\n\n"
            "Nobody knows for certain. Researchers think needling may change how the nerves, "
            "spinal cord and brain handle pain signals, partly through the body's own "
            "pain-relieving chemicals such as endorphins. Most of this comes from laboratory "
            "and animal studies. Claims that acupuncture speeds healing, improves "
            "circulation or reduces inflammation in the back have not been shown in people.\n\n"
            "## What helps most\n\n"
            "Staying active and exercise help most back pain, and NICE recommends them first. "
            "If you choose acupuncture, see it as a possible extra that may make moving "
            "easier for a while. We review it with you after a few sessions and will tell "
            "you if it is not helping."
        ),
        "sources": [
            "nice-ng59",
            "cochrane-low-back",
            "cochrane-neck",
            "vickers-2018",
            "lee-2013",
            "nhs-acupuncture",
        ],
    },
    {
        "slug": "what-happens-in-a-session",
        "title": "What happens in a session",
        "summary": "Questions first, then needles left in for 10 to 30 minutes while you rest.",
        "body": (
            "1. **Questions first.** Your practitioner asks about your pain, your general "
            "health, any medicines you take and what you hope for, and checks that "
            "acupuncture is safe for you. That is why the first visit is longer. If anything "
            "you say needs a doctor, they will tell you and will not needle you that day.\n"
            "2. **Getting comfortable.** You lie on your front or side, or sit, depending on "
            "the points used. You may be asked to uncover your back or legs.\n"
            "3. **The needles.** Most people feel a quick prick, then perhaps a dull ache, "
            "tingling or warmth, or nothing at all. Several needles may go along the back "
            "and some further away, such as the legs or feet.\n"
            "4. **Resting.** The needles usually stay in for 10 to 30 minutes. Your "
            "practitioner stays nearby and checks on you.\n"
            "5. **Afterwards.** Some people feel relaxed, sleepy or a little light-headed; "
            "some are sore for a few hours. If you feel drowsy, do not drive until it has "
            "passed. See [Risks and safety](/treatment/risks-and-safety/).\n\n"
            "Some practitioners also offer gentle heat or cupping. They will explain it and "
            "ask you first, and you can say no."
        ),
        "sources": ["nhs-acupuncture"],
    },
    {
        "slug": "how-many-sessions",
        "title": "How many sessions you may need",
        "summary": "Why we review after a few sessions, and stop if it is not helping.",
        "body": (
            "One session rarely makes a lasting difference to pain that has been there for "
            "months. In research trials people usually had somewhere between six and twelve "
            "sessions over several weeks.\n\n"
            "We review with you after the first three or four. If you have noticed no change "
            "by then, we will say so and suggest stopping rather than carrying on. Most "
            "trials measured pain in the weeks to few months after a course; how long any "
            "benefit lasts varies from person to person.\n\n"
            "We do not sell courses up front: you book and pay one session at a time."
        ),
        "sources": ["vickers-2018", "cochrane-low-back"],
    },
    {
        "slug": "risks-and-safety",
        "title": "Risks and safety",
        "summary": "Side effects are usually mild and short-lived. What we ask before needling, and why.",
        "body": (
            "With a trained practitioner using sterile, single-use needles, serious problems "
            "are rare: two large UK surveys from 2001, covering more than 60,000 treatments "
            "between them, found serious harm to be very rare. Rare is not never, so here is "
            "what can happen.\n\n"
            "## Common and mild\n\n"
            "- Soreness or a small bruise where a needle went in\n"
            "- A drop of blood when a needle comes out\n"
            "- Feeling tired, drowsy, light-headed or faint during or after a session. If "
            "you feel drowsy, do not drive or use machinery until it has passed; for a first "
            "session it helps to have a lift home.\n"
            "- Your usual pain feeling worse for a day or two before it settles. If it is "
            "much worse, or lasts longer, call us.\n\n"
            "## If your practitioner uses cupping or heat\n\n"
            "- Cupping leaves round red or purple marks, like bruises, which fade over a few "
            "days to a couple of weeks.\n"
            "- Heat lamps and moxa (a dried herb burned near the skin) can scorch or blister "
            "the skin. Say at once if it feels too hot. People with less feeling in their "
            "skin, for example from diabetes, are more at risk.\n\n"
            "## Rare\n\n"
            "- Infection where a needle went in\n\n"
            "## Very rare but serious\n\n"
            "- A collapsed lung (pneumothorax) from a needle placed too deep over the chest "
            "or upper back. Training is why this is so rare. If you become breathless or have "
            "chest pain after a session, call 999.\n\n"
            "## What we ask before needling, and why\n\n"
            "When you book, we ask whether any of these apply to you. A yes does not stop you "
            "booking: it tells your practitioner to plan around it, and they may ask you to "
            "check with your GP or midwife first.\n\n"
            "- **You are or may be pregnant**: some points are avoided in pregnancy.\n"
            "- **You have a pacemaker or another implanted electrical device**: electrical "
            "stimulation of needles is not used.\n"
            "- **You have a bleeding disorder or take blood thinners**: bruising and bleeding "
            "are more likely.\n"
            "- **You have epilepsy**: fainting or a fit during a session needs planning for.\n"
            "- **Your immune system is weakened** (by illness or medicines such as steroids "
            "or chemotherapy): infection is more likely.\n"
            "- **You have diabetes**: skin may heal more slowly and feel less, especially on "
            "the feet.\n"
            "- **You are afraid of needles or have fainted before**: you will be treated "
            "lying down, starting gently.\n"
            "- **You have had surgery recently**: the area around the operation is avoided.\n"
            "- **You are allergic to metals such as nickel**: most needles are stainless "
            "steel.\n"
            "- **You have lymphoedema**: the swollen limb is not needled.\n"
            "- **You have broken skin, a rash or an infection where needles may go**: "
            "including the hands, feet and ears, not only the back.\n\n"
            "If you are under 18 you cannot book online: please call us, and a parent or "
            "guardian will need to be involved.\n\n"
            "Some answers are warning signs that need a doctor, not acupuncture. The booking "
            "form asks about those separately and tells you where to go."
        ),
        "sources": ["white-2001", "macpherson-2001", "nhs-acupuncture"],
    },
    {
        "slug": "with-physiotherapy-and-exercise",
        "title": "Staying active, exercise and physiotherapy",
        "summary": "Movement helps most back pain. Acupuncture, if you try it, is an extra.",
        "body": (
            "For most back pain, the things with the best evidence are simple: keep as "
            "active as you can, carry on with daily life as far as the pain allows, and "
            "build up exercise. Long spells of rest tend to make back pain worse. NICE "
            "recommends exercise first, with manual therapy or psychological support as part "
            "of a package for some people.\n\n"
            "A physiotherapist can give you an exercise plan; in many areas you can refer "
            "yourself to NHS physiotherapy without seeing a GP. Walking, swimming, yoga and "
            "pilates help many people.\n\n"
            "If acupuncture eases your pain for a while, use that window to keep moving. "
            "Tell us about other treatment you are having so we can fit around it.\n\n"
            "## When to see a GP instead of us\n\n"
            "See your GP if your back pain has not started to improve "
            "after a few weeks, stops you doing everyday things, is very bad or getting "
            "worse, or you are worried about it. Some symptoms with back pain need urgent "
            "help: the warning signs at the foot of every page say which and where to go."
        ),
        "sources": ["nice-ng59", "nhs-back-pain"],
    },
    {
        "slug": "choosing-a-practitioner",
        "title": "How to choose a qualified practitioner",
        "summary": "Acupuncture is not regulated by law in the UK: how to check who you see.",
        "body": (
            "Where a needle goes, and how deep, matters for your safety. In the UK "
            "acupuncture is **not regulated by law**: anyone can call themselves an "
            "acupuncturist. So check before you book, here or anywhere else.\n\n"
            "## Three kinds of register\n\n"
            "- **Statutory registers** are kept by regulators set up by law. A "
            "physiotherapist must be on the Health and Care Professions Council (HCPC) "
            "register, a doctor on the General Medical Council (GMC) register and a nurse on "
            "the Nursing and Midwifery Council (NMC) register. Some of these professionals "
            "also use acupuncture in their work.\n"
            "- **Accredited registers** are voluntary. The Professional Standards Authority, "
            "an independent body answerable to Parliament, checks that the organisation "
            "keeping the register sets proper standards and deals with complaints. For "
            "acupuncture, the British Acupuncture Council's register is accredited.\n"
            "- **Professional associations** offer training and membership. Being a member "
            "is worth knowing, but it is not the same as being on a register.\n\n"
            "Places where acupuncture is done usually also have to be registered or licensed "
            "by the local council for skin piercing; the rules differ across the UK.\n\n"
            "## What to check\n\n"
            "- Look the person up on the register's own website, by name or number, rather "
            "than trusting a logo.\n"
            "- 'Dr' can mean a medical doctor or someone with a PhD. Ask which; a medical "
            "doctor is on the GMC register.\n"
            "- Ask about their training and insurance.\n"
            "- Expect sterile, single-use needles, a clean room, and questions about your "
            "health before any needling.\n\n"
            "Each of our practitioners' pages lists their registrations, what kind each is, "
            "and a link to the body's own search page so you can check."
        ),
        "sources": ["psa-accredited-registers", "hcpc-check", "nhs-acupuncture"],
    },
]
