from django.urls import path

from bookings.patient import api, confirmation, flow, manage, my_bookings
from bookings.patient.waitlist import flow as waitlist_flow
from bookings.patient.waitlist import manage as waitlist_manage

app_name = "bookings"

urlpatterns = [
    path("book/", flow.choose_treatment, name="start"),
    path("book/practitioner/", flow.choose_practitioner, name="practitioner"),
    path("book/time/", flow.choose_time, name="time"),
    path("book/hold/", waitlist_flow.hold, name="hold"),
    path("book/details/", flow.DetailsView.as_view(), name="details"),
    path("book/done/<str:reference>/", confirmation.done, name="done"),
    path("book/done/<str:reference>/booking.ics", confirmation.done_ics, name="done_ics"),
    path("booking/<str:reference>/", manage.manage, name="manage"),
    path("booking/<str:reference>/booking.ics", manage.manage_ics, name="manage_ics"),
    path("booking/<str:reference>/cancel/", manage.manage_cancel, name="cancel"),
    path("booking/<str:reference>/move/", manage.manage_move, name="move"),
    path("booking/<str:reference>/confirm/", manage.confirm_record, name="confirm_record"),
    path("booking/<str:reference>/scores/", manage.give_scores, name="scores"),
    path("my-bookings/", my_bookings.my_bookings_request, name="my_bookings_request"),
    path("my-bookings/sign-in/", my_bookings.my_bookings_sign_in, name="my_bookings_sign_in"),
    path("my-bookings/yours/", my_bookings.my_bookings, name="my_bookings"),
    path("my-bookings/yours/my-data.json", my_bookings.my_data, name="my_data"),
    path("my-bookings/yours/erase/", my_bookings.my_erasure, name="my_erasure"),
    path("my-bookings/sign-out/", my_bookings.my_bookings_sign_out, name="my_bookings_sign_out"),
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
