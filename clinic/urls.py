from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from clinic import two_factor, views
from clinic.forms import LoginForm

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("treatment/", views.TreatmentIndexView.as_view(), name="treatment_index"),
    path("treatment/<slug:slug>/", views.InfoPageView.as_view(), name="info_page"),
    path("conditions/", views.ConditionIndexView.as_view(), name="condition_index"),
    path("conditions/<slug:slug>/", views.ConditionDetailView.as_view(), name="condition_detail"),
    path("faq/", views.FAQView.as_view(), name="faq"),
    path("privacy/", views.privacy, name="privacy"),
    path("contact/", views.contact, name="contact"),
    path("healthz", views.healthz, name="healthz"),
    path("practitioners/", include("bookings.directory.urls")),
    path("", include("bookings.patient.urls")),
    path("schedule/", include("bookings.schedule.urls")),
    path(
        "accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"
    ),
    path("accounts/logout/", views.SignOutView.as_view(), name="logout"),
    path("accounts/two-step/", two_factor.verify, name="two_factor_verify"),
    path("accounts/two-step/set-up/", two_factor.setup, name="two_factor_setup"),
    path("accounts/", include("bookings.backoffice.account_urls")),  # throttled reset
    path("accounts/", include("django.contrib.auth.urls")),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "clinic.views.bad_request"
handler404 = "clinic.views.not_found"
handler500 = "clinic.views.server_error"
