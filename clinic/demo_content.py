"""The demo clinic's patient information, in the clinic's own words.

Facts come from the public articles in ../shared/sources (their wording is not used) and
from the guidance they cite: NICE's guideline on low back pain and sciatica, and Lee et al.
(2013), The Clinical Journal of Pain, on acupuncture for acute low back pain.
"""

CONDITIONS = [
    {
        "slug": "chronic-low-back-pain",
        "name": "Chronic low back pain",
        "summary": "Pain in the lower back that has lasted three months or longer, steady or coming and going.",
        "body": (
            "Back pain is called chronic once it has gone on for three months or more. For some "
            "people it is there every day; for others it settles and then flares up again, often "
            "long after the strain or injury that started it has healed.\n\n"
            "It is one of the most common reasons people miss work, and it can wear down sleep, "
            "mood and fitness as much as the back itself."
        ),
        "how_acupuncture_may_help": (
            "Research on people with long-lasting low back pain has found that acupuncture can "
            "bring a real, if usually moderate, improvement in pain and in how well people manage "
            "day-to-day tasks. It works best as one part of a plan that keeps you moving: we "
            "combine it with advice on exercise, pacing and posture.\n\n"
            "Points used for the lower back commonly include *Shenshu* (beside the spine at waist "
            "level) and *Mingmen* (on the midline of the lower back), alongside points in the hips, "
            "legs and feet."
        ),
    },
    {
        "slug": "sciatica",
        "name": "Sciatica",
        "summary": "Sharp or burning pain running from the lower back or buttock down one leg.",
        "body": (
            "Sciatica is pain along the path of the sciatic nerve, from the lower back through the "
            "buttock and down the leg, sometimes to the foot. It often comes with tingling or "
            "numbness and is usually caused by an irritated nerve root, for example from a "
            "bulging disc."
        ),
        "how_acupuncture_may_help": (
            "Some trials have found acupuncture eased sciatic pain more than usual medical care, "
            "but the studies are small and the evidence is weaker than for general low back pain. "
            "We will tell you honestly how you are progressing after a few sessions.\n\n"
            "**Numbness around your genitals or bottom, or new trouble controlling your bladder or "
            "bowels, is an emergency: call 999 or go to A&E.**"
        ),
    },
    {
        "slug": "disc-herniation",
        "name": "Disc herniation",
        "summary": "When the soft centre of a spinal disc bulges out and presses on nearby nerves.",
        "body": (
            "Between the bones of the spine sit discs that work like cushions. When the outer layer "
            "weakens, the soft centre can push outwards (a herniated, bulging or 'slipped' disc) "
            "and press on a nerve, causing back pain and often sciatica."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture does not move a disc back into place. What it may do is ease pain and "
            "muscle spasm while the disc settles, which most do over weeks to months, so that you "
            "can keep moving and doing the exercises that help recovery."
        ),
    },
    {
        "slug": "spinal-stenosis",
        "name": "Spinal stenosis",
        "summary": "Narrowing of the spinal canal that can cause nerve pain in the back and legs.",
        "body": (
            "In spinal stenosis the canal that carries the spinal nerves becomes narrower, usually "
            "with age. The squeeze on the nerves can cause pain, heaviness or tingling in the legs "
            "that is often worse when walking and eased by sitting or bending forward."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture may reduce pain for some people with stenosis, though research is limited. "
            "We use it to help you stay active and will suggest you see your GP if your symptoms "
            "change or get worse."
        ),
    },
    {
        "slug": "spondylolisthesis",
        "name": "Spondylolisthesis",
        "summary": "One vertebra slipping forward over the one below it.",
        "body": (
            "Spondylolisthesis means one of the bones of the spine has slipped forward over the "
            "bone beneath. It can cause low back pain and stiffness, and sometimes leg pain if a "
            "nerve is pressed."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture cannot correct the slip. It may ease the pain and muscle tension around "
            "it, alongside strengthening work that supports the spine."
        ),
    },
    {
        "slug": "spondylosis",
        "name": "Spondylosis",
        "summary": "Age-related wear of the spinal discs and joints, causing stiffness and aching.",
        "body": (
            "Spondylosis is the general term for wear and tear of the spine that comes with age: "
            "discs lose height and joints thicken. Many people have it on a scan without any pain; "
            "for others it brings stiffness and an ache that is worse after rest."
        ),
        "how_acupuncture_may_help": (
            "By easing pain and muscle tightness, acupuncture may make it easier to stay mobile, "
            "which is the most useful thing you can do for a stiff spine."
        ),
    },
    {
        "slug": "facet-syndrome",
        "name": "Facet joint syndrome",
        "summary": "Pain from inflamed small joints at the back of the spine.",
        "body": (
            "Each vertebra is linked to the next by small facet joints. When these become inflamed "
            "or stiff they can cause a local ache in the back that is often worse when leaning "
            "backwards or twisting."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture may reduce local pain and inflammation and relax the muscles that guard "
            "the joint, making movement more comfortable."
        ),
    },
    {
        "slug": "degenerative-disc-disease",
        "name": "Degenerative disc disease",
        "summary": "Pain linked to discs that have broken down over time.",
        "body": (
            "Despite its name this is not really a disease: it describes discs that have dried out "
            "and thinned, which happens to everyone with age. In some people it is linked to "
            "ongoing low back pain."
        ),
        "how_acupuncture_may_help": (
            "Acupuncture may help with the pain and stiffness, as part of a plan built around "
            "regular movement and strengthening."
        ),
    },
    {
        "slug": "upper-back-and-neck-tension",
        "name": "Upper back and neck tension",
        "summary": "Tight, aching muscles across the shoulders, upper back and neck.",
        "body": (
            "Long hours at a desk, driving and stress all load the muscles between the shoulder "
            "blades and up into the neck. The result is often a deep ache, stiffness turning the "
            "head, and sometimes tension headaches."
        ),
        "how_acupuncture_may_help": (
            "Needling tight muscles can help them release. For the upper back, practitioners often "
            "use points such as *Dazhui* (at the base of the neck) and *Fengchi* (below the skull), "
            "with others around the shoulders and head."
        ),
    },
]

INFO_PAGES = [
    {
        "slug": "what-is-acupuncture",
        "title": "What acupuncture is",
        "summary": "Very fine, single-use needles placed at chosen points to ease pain.",
        "body": (
            "Acupuncture began in China over two thousand years ago. A practitioner places very "
            "fine, sterile, single-use needles through the skin at chosen points on the body and "
            "leaves them in place for a short time.\n\n"
            "Traditional acupuncture describes these points in terms of energy, or *Qi*, flowing "
            "along channels called meridians. Western medical acupuncture explains the same "
            "treatment through the nerves, muscles and connective tissue the needles stimulate. "
            "You do not need to hold either view for the treatment to be worth trying.\n\n"
            "Points are not only placed where it hurts. For back pain, needles may also go in the "
            "hips, legs, hands, feet or ears.\n\n"
            "## Acupuncture and dry needling\n\n"
            "Dry needling, offered by some physiotherapists, uses similar needles but aims only "
            "at tight knots in muscle (trigger points) to release tension. Acupuncture works with "
            "a wider set of points across the body. Both should only be done by someone trained "
            "and registered."
        ),
    },
    {
        "slug": "how-it-may-help-back-pain",
        "title": "How acupuncture may help back pain",
        "summary": "What happens in the body, and what the research does and does not show.",
        "body": (
            "Research points to several ways acupuncture may ease back pain:\n\n"
            "- **Natural painkillers.** Needling prompts the nervous system to release endorphins "
            "and serotonin, chemicals that change how pain signals are handled in the spinal cord "
            "and brain.\n"
            "- **Circulation.** Blood flow increases around the needled area, which may support "
            "healing.\n"
            "- **Inflammation.** Acupuncture appears to shift the balance between substances that "
            "drive inflammation and those that calm it.\n"
            "- **Muscle relaxation.** Needling tight muscles can help them let go, easing "
            "stiffness and making movement easier.\n\n"
            "## What the evidence says\n\n"
            "We would rather you hear this from us plainly than from an advert:\n\n"
            "- A systematic review by Lee and colleagues, published in *The Clinical Journal of "
            "Pain* in 2013, found that acupuncture may relieve acute low back pain better than "
            "medication or sham acupuncture, but the authors said the studies had weaknesses and "
            "more research was needed.\n"
            "- For long-lasting (chronic) low back pain, trials suggest acupuncture can give "
            "clinically meaningful improvements in pain and function for some people.\n"
            "- The UK's National Institute for Health and Care Excellence (NICE) reviews this "
            "evidence for the NHS. Its current guideline on low back pain and sciatica does "
            "**not** recommend acupuncture for managing low back pain, judging the benefit over "
            "sham treatment too small. Earlier NICE guidance (2009) did recommend a course of "
            "acupuncture for persistent low back pain. Acupuncture is still offered in many NHS "
            "GP practices, pain clinics and hospices.\n\n"
            "In short: many people find it helps, the research is mixed, and it is not a cure. "
            "We will review with you after a few sessions whether it is worth going on."
        ),
    },
    {
        "slug": "what-happens-in-a-session",
        "title": "What happens in a session",
        "summary": "Questions first, then needles left in for 10 to 30 minutes while you rest.",
        "body": (
            "1. **Questions first.** Your practitioner asks about your pain, your health, any "
            "medicines you take and what you hope to get from treatment, to make sure acupuncture "
            "is suitable for you. Your first visit is longer for this reason.\n"
            "2. **Getting comfortable.** You lie on your front or side, or sit upright, depending "
            "on which points are used. You may be asked to uncover your back.\n"
            "3. **The needles.** Most people feel a brief prick or a dull, tingling or warm "
            "sensation, if anything. For back pain it is common to have a number of needles along "
            "the back and some further away, such as the legs or feet.\n"
            "4. **Resting.** The needles usually stay in for between 10 and 30 minutes. Your "
            "practitioner stays close and checks how you are.\n"
            "5. **Afterwards.** Some people feel relaxed or sleepy; some feel mild soreness for a "
            "few hours. Plan a calm rest of the day after your first session if you can.\n\n"
            "Some practitioners also use gentle heat, cupping or massage alongside needling; "
            "they will always ask you first."
        ),
    },
    {
        "slug": "how-many-sessions",
        "title": "How many sessions you may need",
        "summary": "Why we suggest a short course and review it with you.",
        "body": (
            "A single session rarely settles back pain that has been there for months. It usually "
            "takes a few sessions before you can judge whether acupuncture is helping, so we "
            "suggest starting with a short course, often weekly.\n\n"
            "How many you need depends on how long you have had the pain, how severe it is and "
            "how you respond. Some people notice a change after two or three visits; longer-"
            "standing problems can need more.\n\n"
            "We review progress with you as you go and will tell you if it is not working. We do "
            "not sell packages up front."
        ),
    },
    {
        "slug": "risks-and-safety",
        "title": "Risks and safety",
        "summary": "Side effects are usually mild; a few people should talk to their doctor first.",
        "body": (
            "In the hands of a trained, registered practitioner using single-use sterile needles, "
            "acupuncture is a low-risk treatment. That does not mean no risk.\n\n"
            "## Common and mild\n\n"
            "- Soreness where the needles went in\n"
            "- Small bruises\n"
            "- A drop of bleeding when a needle is removed\n"
            "- Feeling tired, light-headed or faint during or after treatment\n\n"
            "## Rare\n\n"
            "- Infection at a needle site\n\n"
            "## Very rare but serious\n\n"
            "- A collapsed lung (pneumothorax) from a needle placed too deeply in the upper back "
            "or chest. This is why training and registration matter.\n\n"
            "## Speak to your doctor first if you\n\n"
            "- are pregnant or may be\n"
            "- have a pacemaker or another implanted electrical device\n"
            "- have a bleeding disorder or take blood-thinning medicine\n"
            "- have a long-term condition such as diabetes or epilepsy, or a weakened immune "
            "system\n\n"
            "We ask about these when you book so your practitioner can plan a safe treatment. "
            "None of them stops you booking."
        ),
    },
    {
        "slug": "with-physiotherapy-and-exercise",
        "title": "Combining acupuncture with physiotherapy and exercise",
        "summary": "Acupuncture eases pain; movement rebuilds strength. Together they work best.",
        "body": (
            "Staying active is the most reliable thing you can do for a bad back. Acupuncture can "
            "make movement more comfortable, while physiotherapy and exercise build the strength "
            "and flexibility that protect your back for the long term.\n\n"
            "We will often suggest:\n\n"
            "- exercises to strengthen the muscles that support your spine\n"
            "- gentle daily stretching\n"
            "- changes to how you sit and work (ergonomics)\n"
            "- keeping up with any physiotherapy you already have\n\n"
            "Tell us about other treatment you are having so we can fit in around it."
        ),
    },
    {
        "slug": "choosing-a-practitioner",
        "title": "How to choose a qualified practitioner",
        "summary": "Check the register, ask about training and expect sterile single-use needles.",
        "body": (
            "Acupuncture needs skill: where a needle goes and how deep matters for your safety. "
            "Before booking with anyone, here or elsewhere, check that:\n\n"
            "- they are on a professional register, such as the British Acupuncture Council, and "
            "the number they give you appears on the register's own website;\n"
            "- they have experience treating back pain;\n"
            "- they use single-use, sterile needles and keep a clean treatment room;\n"
            "- they ask about your health before treating and explain what they will do.\n\n"
            "Each of our practitioners' pages shows their register and number so you can check."
        ),
    },
]

FAQ = [
    (
        "Does acupuncture hurt?",
        "Usually not much. The needles are far finer than those used for injections. Most people "
        "feel a brief prick, then a dull ache, tingling or warmth at the point. Tell your "
        "practitioner if anything feels uncomfortable and they will adjust it.",
    ),
    (
        "How soon will I notice a difference?",
        "It varies. Some people feel easier after two or three sessions; long-standing pain "
        "can take longer. We review progress with you and will say so if it is not helping.",
    ),
    (
        "Is acupuncture safe?",
        "From a registered practitioner using sterile single-use needles, serious problems are "
        "very rare. Mild soreness and small bruises are the most common effects. See "
        "[Risks and safety](/treatment/risks-and-safety/) for the full picture.",
    ),
    (
        "Is it recommended by the NHS?",
        "Acupuncture is used in many NHS GP practices and pain clinics. NICE's current guideline "
        "on low back pain does not recommend it, while earlier guidance did. We explain the "
        "evidence in [How acupuncture may help back pain](/treatment/how-it-may-help-back-pain/).",
    ),
    (
        "What should I wear?",
        "Loose, comfortable clothing that lets us reach your lower legs and back. Eat a light "
        "meal beforehand; having acupuncture on an empty stomach makes fainting more likely.",
    ),
    (
        "Can I have acupuncture if I am pregnant?",
        "Often yes, but some points are avoided in pregnancy. Tell us when you book and speak to "
        "your midwife or GP first.",
    ),
    (
        "How do I move or cancel my appointment?",
        "Use the link in your confirmation email, up to 24 hours before your session. After that, "
        "please phone us so we can offer the time to someone else.",
    ),
]
