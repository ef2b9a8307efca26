"""Credentials a patient can check: every registration, what kind of register it is, a
link to the body's own search page, what a non-medical "Dr" means, and demo people
marked as fictional."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from practitioners.models import Practitioner, Registration
from tests.factories import ConditionFactory, PractitionerFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

HCPC = {
    "body": "Health and Care Professions Council (HCPC)",
    "kind": Registration.Kind.STATUTORY,
    "number": "PH123456",
    "check_url": "https://www.hcpc-uk.org/check-the-register/",
}


def test_profile_lists_every_registration_statutory_first(client):
    physio = PractitionerFactory(name="Rhys Pritchard", title="Physiotherapist")
    RegistrationFactory(practitioner=physio, number="BAC-00042")
    RegistrationFactory(practitioner=physio, **HCPC)

    body = client.get(physio.get_absolute_url()).content.decode()

    hcpc = body.index("<strong>Health and Care Professions Council (HCPC)</strong>")
    bacc = body.index("<strong>British Acupuncture Council (BAcC)</strong>")
    assert hcpc < bacc
    assert "Statutory regulator (registration required by law)" in body
    assert "Accredited register (checked by the Professional Standards Authority)" in body
    assert "Number: <strong>PH123456</strong>" in body
    assert (
        '<a href="https://www.hcpc-uk.org/check-the-register/" rel="noopener">Check on the '
        "Health and Care Professions Council (HCPC) website</a>: search for Rhys Pritchard "
        "or PH123456."
    ) in body


def test_directory_card_shows_each_registration_and_its_kind(client):
    physio = PractitionerFactory(name="Rhys Pritchard")
    RegistrationFactory(practitioner=physio, **HCPC)
    RegistrationFactory(
        practitioner=physio,
        body="Acupuncture Association of Chartered Physiotherapists (AACP)",
        kind=Registration.Kind.MEMBERSHIP,
        number="",
        check_url="",
    )

    body = client.get("/practitioners/").content.decode()

    assert (
        "Health and Care Professions Council (HCPC), no. PH123456 "
        '<span class="text-muted">(statutory register)</span>'
    ) in body
    assert (
        "Acupuncture Association of Chartered Physiotherapists (AACP) "
        '<span class="text-muted">(membership)</span>'
    ) in body


def test_practitioner_without_registration_says_so(client):
    practitioner = PractitionerFactory()

    body = client.get(practitioner.get_absolute_url()).content.decode()

    assert "No registration is listed. Please ask us before booking." in body


def test_directory_explains_the_registers(client):
    body = client.get("/practitioners/").content.decode()

    assert "In the UK, acupuncture is not regulated by law" in body
    assert "a physiotherapist must be on the Health and Care Professions Council" in body
    assert "the Professional Standards Authority has checked" in body
    assert '"Dr" can mean a medical doctor or a PhD' in body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"check_url": "https://www.hcpc-uk.org/"},
            "check_url",
            "This is the body's home page. Link to its search page, or to this "
            "practitioner's entry, so a patient lands where they can check.",
        ),
        (
            {"check_url": ""},
            "check_url",
            "Link to the page where patients can search this register.",
        ),
        (
            {"number": " "},
            "number",
            "A register lists a number: enter it so patients can check.",
        ),
    ],
)
def test_register_entry_a_patient_cannot_check_is_refused(changes, field, message):
    registration = RegistrationFactory.build(practitioner=PractitionerFactory(), **HCPC)
    for name, value in changes.items():
        setattr(registration, name, value)

    with pytest.raises(ValidationError) as refused:
        registration.full_clean()

    assert refused.value.message_dict[field] == [message]


def test_membership_needs_no_number_or_link():
    membership = RegistrationFactory.build(
        practitioner=PractitionerFactory(),
        kind=Registration.Kind.MEMBERSHIP,
        number="",
        check_url="",
    )
    membership.full_clean()


def admin_form(practitioner, registration, **practitioner_changes):
    data = {
        "name": practitioner.name,
        "slug": practitioner.slug,
        "title": practitioner.title,
        "title_note": "",
        "is_listed": "on",
        "order": "0",
        "biography": practitioner.biography,
        "qualifications": practitioner.qualifications,
        "practising_since": "2010",
        "registrations-TOTAL_FORMS": "1",
        "registrations-INITIAL_FORMS": "0",
        "registrations-0-body": registration["body"],
        "registrations-0-kind": str(registration["kind"]),
        "registrations-0-number": registration["number"],
        "registrations-0-check_url": registration["check_url"],
        "working_hours-TOTAL_FORMS": "0",
        "working_hours-INITIAL_FORMS": "0",
        "time_off-TOTAL_FORMS": "0",
        "time_off-INITIAL_FORMS": "0",
    }
    data.update(practitioner_changes)
    return data


def test_admin_adds_a_registration_to_a_practitioner(manager_client):
    practitioner = PractitionerFactory(name="Rhys Pritchard")

    response = manager_client.post(
        reverse("admin:practitioners_practitioner_change", args=[practitioner.pk]),
        admin_form(practitioner, HCPC),
    )

    assert response.status_code == 302
    saved = practitioner.registrations.get()
    assert (saved.body, saved.kind, saved.number) == (
        "Health and Care Professions Council (HCPC)",
        Registration.Kind.STATUTORY,
        "PH123456",
    )


def test_admin_refuses_a_register_link_to_a_home_page(manager_client):
    practitioner = PractitionerFactory()

    response = manager_client.post(
        reverse("admin:practitioners_practitioner_change", args=[practitioner.pk]),
        admin_form(practitioner, {**HCPC, "check_url": "https://www.hcpc-uk.org"}),
    )

    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0].formset
    assert inline.errors[0]["check_url"] == [
        "This is the body's home page. Link to its search page, or to this "
        "practitioner's entry, so a patient lands where they can check."
    ]
    assert practitioner.registrations.count() == 0


def test_admin_refuses_dr_without_saying_what_it_means(manager_client):
    practitioner = PractitionerFactory(name="Dr Mei-Lin Chen")

    response = manager_client.post(
        reverse("admin:practitioners_practitioner_change", args=[practitioner.pk]),
        admin_form(practitioner, HCPC),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title_note"] == [
        "This name uses 'Dr'. Say what the title means (a medical degree, or a PhD and not "
        "a medical doctor) so patients are not misled."
    ]
    assert practitioner.registrations.count() == 0


def test_listing_a_dr_without_a_note_from_the_list_page_is_refused_not_a_crash(
    manager_client,
):
    practitioner = PractitionerFactory(name="Dr. Ada Lee", is_listed=False)

    response = manager_client.post(
        reverse("admin:practitioners_practitioner_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(practitioner.pk),
            "form-0-is_listed": "on",
            "form-0-order": "0",
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    assert response.context["cl"].formset.errors[0]["__all__"] == [
        "This name uses 'Dr' with no note saying what it means. Open the practitioner to add one."
    ]
    practitioner.refresh_from_db()
    assert practitioner.is_listed is False


@pytest.mark.parametrize(
    ("name", "uses"), [("Dr Mei-Lin Chen", True), ("Dr. Ada Lee", True), ("Drew Ames", False)]
)
def test_doctor_title_is_recognised(name, uses):
    assert Practitioner(name=name).uses_doctor_title is uses


def test_title_note_shows_on_profile_and_card(client):
    practitioner = PractitionerFactory(
        name="Dr Mei-Lin Chen",
        title_note="Dr here means a PhD, a research degree. Mei-Lin is not a medical doctor.",
    )

    profile = client.get(practitioner.get_absolute_url()).content.decode()
    directory = client.get("/practitioners/").content.decode()

    note = "Dr here means a PhD, a research degree. Mei-Lin is not a medical doctor."
    assert note in profile
    assert note in directory


def test_fictional_practitioner_is_labelled_everywhere_they_appear(client):
    demo = PractitionerFactory(name="Hannah Okafor", is_fictional=True)
    condition = ConditionFactory()
    demo.specialties.add(condition)

    condition_page = client.get(condition.get_absolute_url()).content.decode()
    directory = client.get("/practitioners/").content.decode()
    profile = client.get(demo.get_absolute_url()).content.decode()

    assert "Fictional (demo)" in condition_page
    assert "Fictional (demo)" in directory
    assert "the practitioners marked Fictional (demo) are invented people" in directory
    assert "this practitioner is an invented person" in profile
    assert "will not be found on any register" in profile


def test_real_practitioner_carries_no_demo_label(client):
    real = PractitionerFactory(name="Real Person")

    directory = client.get("/practitioners/").content.decode()
    profile = client.get(real.get_absolute_url()).content.decode()

    assert "Fictional" not in directory
    assert "Demo site" not in directory
    assert "Demo site" not in profile
