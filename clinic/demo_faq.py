"""The demo clinic's questions and answers, in the same plain words as its pages."""

FAQ = [
    (
        "Will acupuncture cure my back pain?",
        "No, and we will not tell you it will. Some people with long-lasting back or neck "
        "pain feel less pain for a few weeks or months after a course; others notice little "
        "difference. See [What the research says](/treatment/how-it-may-help-back-pain/).",
    ),
    (
        "Can you tell me what is wrong with my back?",
        "No. We do not diagnose back problems. Your GP, or an NHS physiotherapist (in many "
        "areas you can refer yourself), can assess you. If something you tell us needs a "
        "doctor, we will say so rather than needle you.",
    ),
    (
        "Should I see my GP first?",
        "If your back pain is new, getting worse, not easing after a few weeks, or you do "
        "not know what is causing it, yes. Keep moving in the meantime: staying active "
        "helps most back pain.",
    ),
    (
        "Does acupuncture hurt?",
        "Not much, for most people. The needles are far finer than the ones used for "
        "injections. You may feel a quick prick, then a dull ache, tingling or warmth. Tell "
        "your practitioner if anything is uncomfortable and they will change it.",
    ),
    (
        "Is acupuncture safe?",
        "With a trained practitioner and sterile single-use needles, serious problems are "
        "rare. Soreness, small bruises and feeling drowsy are the most common effects. See "
        "[Risks and safety](/treatment/risks-and-safety/) for the full list and for what we "
        "ask before needling.",
    ),
    (
        "Can I get acupuncture for back pain on the NHS?",
        "Rarely. NICE's guideline for the NHS (NG59) says acupuncture should not be offered "
        "for low back pain, with or without sciatica, so NHS access is limited and most "
        "people pay privately.",
    ),
    (
        "What should I wear?",
        "Loose, comfortable clothes that let us reach your lower legs and back. Eat a light "
        "meal beforehand: having acupuncture on an empty stomach makes fainting more likely.",
    ),
    (
        "Can I drive afterwards?",
        "Usually, but some people feel drowsy or light-headed after a session. If you do, "
        "wait until it has passed. For your first session, a lift home is a good idea.",
    ),
    (
        "Can I have acupuncture if I am pregnant?",
        "Often, but some points are avoided in pregnancy. Tell us when you book, and talk to "
        "your midwife or GP first.",
    ),
    (
        "How do I move or cancel my appointment?",
        "Use the link in your confirmation email, up to 24 hours before your session. After "
        "that, please phone us so we can offer the time to someone else.",
    ),
]
