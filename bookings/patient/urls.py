from django.urls import path

from bookings.patient import api, flow, manage, my_bookings
from bookings.patient.waitlist import flow as waitlist_flow
from bookings.patient.waitlist import manage as waitlist_manage

app_name = "bookings"

urlpatterns = [
    path("book/", flow.choose_treatment, name="start"),
    path("book/practitioner/", flow.choose_practitioner, name="practitioner"),
    path("book/time/", flow.choose_time, name="time"),
    path("book/hold/", waitlist_flow.hold, name="hold"),
    path("book/details/", flow.DetailsView.as_view(), name="details"),
    path("book/done/<str:reference>/", flow.done, name="done"),
    path("book/done/<str:reference>/booking.ics", flow.done_ics, name="done_ics"),
    path("booking/<str:reference>/", manage.manage, name="manage"),
    path("booking/<str:reference>/booking.ics", manage.manage_ics, name="manage_ics"),
    path("booking/<str:reference>/cancel/", manage.manage_cancel, name="cancel"),
    path("booking/<str:reference>/move/", manage.manage_move, name="move"),
    path("my-bookings/", my_bookings.my_bookings_request, name="my_bookings_request"),
    path("my-bookings/<str:token>/", my_bookings.my_bookings, name="my_bookings"),
    path("api/availability/", api.availability_api, name="availability_api"),
    path("waiting-list/", waitlist_manage.join, name="waitlist_join"),
    path("waiting-list/joined/", waitlist_manage.joined, name="waitlist_joined"),
    path("waiting-list/<str:reference>/", waitlist_manage.manage, name="waitlist_manage"),
    path("waiting-list/<str:reference>/leave/", waitlist_manage.leave, name="waitlist_leave"),
    path("offer/<str:reference>/", waitlist_flow.offer, name="waitlist_offer"),
    path("offer/<str:reference>/book/", waitlist_flow.offer_book, name="waitlist_offer_book"),
    path(
        "offer/<str:reference>/decline/", waitlist_flow.offer_decline, name="waitlist_offer_decline"
    ),
    path("offer/<str:reference>/leave/", waitlist_flow.offer_leave, name="waitlist_offer_leave"),
]
