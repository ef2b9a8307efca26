from django.urls import path

from bookings.patient import api, flow, manage, my_bookings

app_name = "bookings"

urlpatterns = [
    path("book/", flow.choose_treatment, name="start"),
    path("book/practitioner/", flow.choose_practitioner, name="practitioner"),
    path("book/time/", flow.choose_time, name="time"),
    path("book/details/", flow.DetailsView.as_view(), name="details"),
    path("book/done/<str:reference>/", flow.done, name="done"),
    path("book/done/<str:reference>/booking.ics", flow.done_ics, name="done_ics"),
    path("booking/<str:reference>/", manage.manage, name="manage"),
    path("booking/<str:reference>/booking.ics", manage.manage_ics, name="manage_ics"),
    path("booking/<str:reference>/cancel/", manage.manage_cancel, name="cancel"),
    path("booking/<str:reference>/move/", manage.manage_move, name="move"),
    path("booking/<str:reference>/confirm/", manage.confirm_record, name="confirm_record"),
    path("my-bookings/", my_bookings.my_bookings_request, name="my_bookings_request"),
    path("my-bookings/sign-in/", my_bookings.my_bookings_sign_in, name="my_bookings_sign_in"),
    path("my-bookings/yours/", my_bookings.my_bookings, name="my_bookings"),
    path("my-bookings/yours/my-data.json", my_bookings.my_data, name="my_data"),
    path("my-bookings/yours/erase/", my_bookings.my_erasure, name="my_erasure"),
    path("my-bookings/sign-out/", my_bookings.my_bookings_sign_out, name="my_bookings_sign_out"),
    path("api/availability/", api.availability_api, name="availability_api"),
]
