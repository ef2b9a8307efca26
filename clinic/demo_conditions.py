"""The demo clinic's pages on back problems people ask about.

Each says what the problem is, when it needs a GP rather than us, and what the research
does and does not show for acupuncture. None claims to treat the diagnosis: most trials
studied long-lasting back or neck pain in general, not these named problems.
"""

LITTLE_RESEARCH = (
    "There is little good research on acupuncture for this diagnosis in particular. Most "
    "trials have studied people with long-lasting low back pain that has no single clear "
    "cause, and found short-term relief for some of them, only slightly more than with "
    "sham (pretend) needling. We cannot promise more than that."
)

CONDITIONS = [
    {
        "slug": "chronic-low-back-pain",
        "name": "Chronic low back pain",
        "summary": "Low back pain that has gone on for three months or more, all the time or on and off.",
        "body": (
            "Doctors call back pain chronic, or long-lasting, once it has been around for "
            "three months or longer. It may never quite go away, or it may ease and then "
            "return, often well after whatever first set it off has healed. In most people no "
            "single cause shows up, which is why it is often called non-specific back pain.\n\n"
            "It can affect sleep, mood, work and fitness as much as the back itself. Staying "
            "active and a plan of exercise are the mainstays; your GP or an NHS "
            "physiotherapist can help you build one."
        ),
        "how_acupuncture_may_help": (
            "This is the kind of back pain acupuncture has been studied for most. Reviews of "
            "the trials find that some people have less pain and manage daily tasks a little "
            "more easily for a few weeks to a few months after a course. Compared with sham "
            "needling, though, the extra benefit is small, and part of what people feel is "
            "probably the time, attention and expectation that come with any treatment.\n\n"
            "Because the difference from sham is small, NICE's guideline for the NHS (NG59) "
            "does not recommend acupuncture for low back pain. If you choose to try it, treat "
            "it as an extra that may make moving easier for a while, not as a replacement for "
            "exercise. We check with you after a few sessions and say so if it is not helping."
        ),
        "sources": ["nice-ng59", "cochrane-low-back", "vickers-2018", "nhs-back-pain"],
    },
    {
        "slug": "sciatica",
        "name": "Sciatica",
        "summary": "Pain, tingling or numbness running from the lower back or buttock down one leg.",
        "body": (
            "Sciatica is pain that follows the sciatic nerve from the lower back, through the "
            "buttock and down the leg, sometimes as far as the foot. Tingling, numbness or "
            "weakness can come with it. It usually happens when a nerve root in the lower "
            "back is pressed or irritated, often by a bulging disc, and most cases settle "
            "within a few weeks to a few months.\n\n"
            "See your GP if the pain is not easing after a few weeks, is getting worse, or "
            "stops you doing everyday things.\n\n"
            "**Call 999 or go to A&E now if you have numbness around your genitals or "
            "bottom, new trouble passing urine or controlling your bladder or bowels, or "
            "weakness or numbness in both legs.** These can be signs of cauda equina "
            "syndrome, which needs emergency care."
        ),
        "how_acupuncture_may_help": (
            "The research is thinner here than for back pain in general: fewer trials, most "
            "of them small, with mixed results. NICE's guideline (NG59) does not recommend "
            "acupuncture for low back pain with or without sciatica.\n\n"
            "Acupuncture does not take pressure off a nerve. Some people say it eases their "
            "pain for a while, which can make it easier to keep moving while the sciatica "
            "settles. We cannot promise that, and we will not needle you if your symptoms "
            "suggest you need a doctor first."
        ),
        "sources": ["nice-ng59", "nhs-sciatica", "nhs-cauda-equina"],
    },
    {
        "slug": "disc-herniation",
        "name": "Disc herniation",
        "summary": "A bulging or 'slipped' disc: the soft centre of a spinal disc pushes outwards.",
        "body": (
            "The discs between the bones of the spine act as cushions. If the tough outer "
            "layer weakens, the soft centre can bulge out (a herniated, bulging or 'slipped' "
            "disc) and may press on a nerve. That can cause back pain and often sciatica.\n\n"
            "Bulging discs are common on scans of people with no pain at all, so a scan "
            "result does not always explain the pain. Most disc problems get better by "
            "themselves over weeks to months. Your GP can tell you whether you need tests or "
            "a specialist."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture cannot put a disc back or shrink it. " + LITTLE_RESEARCH + "\n\n"
            "Some people find it makes the pain easier to live with for a while, so that they "
            "can keep up the walking and exercises that help recovery."
        ),
        "sources": ["nice-ng59", "nhs-slipped-disc", "cochrane-low-back"],
    },
    {
        "slug": "spinal-stenosis",
        "name": "Spinal stenosis",
        "summary": "A narrowed spinal canal that can cause pain, heaviness or tingling in the legs.",
        "body": (
            "In spinal stenosis the channel that carries the nerves through the spine becomes "
            "narrower, usually as part of getting older. The squeeze on the nerves can bring "
            "pain, heaviness, numbness or tingling in the legs that is often worse when "
            "walking or standing and better when sitting or leaning forward.\n\n"
            "A diagnosis of spinal stenosis comes from a doctor, usually with a scan. See "
            "your GP if your legs are getting weaker or you can walk less far than before."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture does not widen the spinal canal. " + LITTLE_RESEARCH + "\n\n"
            "If you try it, we see it as a possible help with pain alongside the walking and "
            "exercise plan your GP or physiotherapist gives you, and we will stop if it is not "
            "helping."
        ),
        "sources": ["nice-ng59", "nhs-spinal-stenosis"],
    },
    {
        "slug": "spondylolisthesis",
        "name": "Spondylolisthesis",
        "summary": "One bone of the spine has slipped forward over the one below.",
        "body": (
            "In spondylolisthesis one vertebra (a bone of the spine) has shifted forward over "
            "the one underneath. Many people with it have no symptoms; others have low back "
            "pain and stiffness, and sometimes leg pain if a nerve is pressed.\n\n"
            "It is diagnosed by a doctor on an X-ray or scan. Ask your GP about it if you have "
            "pain after a sports injury in your teens or twenties, or leg symptoms that are "
            "getting worse."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture cannot move the bone back. " + LITTLE_RESEARCH + "\n\n"
            "Strengthening exercise, usually guided by a physiotherapist, matters more. Some "
            "people choose acupuncture alongside it for pain."
        ),
        "sources": ["nice-ng59", "nhs-spondylolisthesis"],
    },
    {
        "slug": "spondylosis",
        "name": "Spondylosis",
        "summary": "Wear of the spine's discs and joints that comes with age, with stiffness and aching.",
        "body": (
            "Spondylosis is the general name for the changes that come to the spine with age: "
            "discs get thinner and the small joints thicken. Scans show it in many people who "
            "have no pain. In others it comes with stiffness and an ache that is often worse "
            "after resting and easier once moving.\n\n"
            "Keeping active is the most useful thing you can do. See your GP if the pain is "
            "new and getting worse, or if you have numbness or weakness in your arms or legs."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture does not reverse these changes. " + LITTLE_RESEARCH + "\n\n"
            "If it eases pain and stiffness for a while, it may make it easier to stay mobile."
        ),
        "sources": ["nice-ng59", "cochrane-low-back", "nhs-back-pain"],
    },
    {
        "slug": "facet-syndrome",
        "name": "Facet joint pain",
        "summary": "Pain thought to come from the small joints at the back of the spine.",
        "body": (
            "Each bone of the spine is linked to the next by two small facet joints. They are "
            "thought to be the source of pain in some people: a local ache that may be worse "
            "when leaning back or twisting. It is hard to be sure, because scans and "
            "examination cannot reliably tell facet pain apart from other back pain."
        ),
        "how_acupuncture_may_help": (
            LITTLE_RESEARCH + "\n\n"
            "Claims that acupuncture reduces inflammation in these joints have not been "
            "shown in people. It may ease pain for some people for a short time, which can "
            "make movement more comfortable."
        ),
        "sources": ["nice-ng59", "cochrane-low-back"],
    },
    {
        "slug": "degenerative-disc-disease",
        "name": "Degenerative disc disease",
        "summary": "Discs that have dried out and thinned over time, sometimes linked with back pain.",
        "body": (
            "Despite the name, this is not really a disease. It describes discs that have "
            "lost water and height, which happens to everyone as they age and shows up on "
            "scans of many people without pain. In some people it goes with long-lasting low "
            "back pain."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture does not repair discs. " + LITTLE_RESEARCH + "\n\n"
            "Regular movement and strengthening are what help most; some people add "
            "acupuncture for pain."
        ),
        "sources": ["nice-ng59", "cochrane-low-back", "nhs-back-pain"],
    },
    {
        "slug": "upper-back-and-neck-tension",
        "name": "Upper back and neck pain",
        "summary": "Aching, tight muscles across the shoulders, upper back and neck.",
        "body": (
            "Long hours at a desk or at the wheel, and stress, load the muscles between the "
            "shoulder blades and up into the neck. The result is often a deep ache, stiffness "
            "turning the head and sometimes tension headaches. Most neck pain gets better by "
            "itself within a few weeks.\n\n"
            "See your GP if the pain has not eased after a few weeks, or if you have numbness, "
            "pins and needles or weakness in your arms. If pain between the shoulder blades "
            "comes with chest pain, call 999."
        ),
        "how_acupuncture_may_help": (
            "Reviews of the trials in long-lasting neck pain find that some people have less "
            "pain for a short time after a course, a little more than with sham needling. "
            "The studies are of moderate quality and mostly followed people for weeks to a "
            "few months.\n\n"
            "Acupuncture may be worth trying alongside exercise and changes to how you sit "
            "and work. It is not a cure, and we will review with you whether it is helping."
        ),
        "sources": ["cochrane-neck", "vickers-2018", "nhs-neck-pain"],
    },
]
