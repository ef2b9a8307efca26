"""The staff roles, in one place: which model permissions each group holds.

Applied by a data migration and again by `seed_demo`, so changing a role here and running
`python manage.py seed_demo` (demo) or a new migration calling `apply_roles` (production)
is the whole change.
"""

RECEPTION = "Reception"
CLINIC_MANAGER = "Clinic manager"

CLINIC_APPS = ("clinic", "practitioners", "bookings")

# app_label.model -> actions
RECEPTION_PERMISSIONS = {
    "bookings.booking": ("add", "change", "view"),
    "bookings.patient": ("add", "change", "view"),
    "bookings.clinicclosure": ("view",),
    "bookings.treatment": ("view",),
    "bookings.historicalbooking": ("view",),
    "bookings.historicalpatient": ("view",),
    # Erasing a person is the clinic manager's decision; reception can see the requests.
    "bookings.erasurerequest": ("view",),
    "practitioners.practitioner": ("view",),
    "practitioners.workinghours": ("view",),
    "practitioners.timeoff": ("add", "change", "delete", "view"),
    "practitioners.language": ("view",),
    "practitioners.registration": ("view",),
}


def apply_roles(group_model, permission_model):
    """Create or refresh both groups. Models are passed in so migrations can use theirs."""
    reception, _ = group_model.objects.get_or_create(name=RECEPTION)
    wanted = []
    for label, actions in RECEPTION_PERMISSIONS.items():
        app_label, model = label.split(".")
        wanted += [
            p
            for p in permission_model.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        ]
    reception.permissions.set(wanted)

    manager, _ = group_model.objects.get_or_create(name=CLINIC_MANAGER)
    manager.permissions.set(
        permission_model.objects.filter(content_type__app_label__in=CLINIC_APPS)
    )
