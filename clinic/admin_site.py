"""The admin site: Django's, with a second factor for those who need one, and bounded dates."""

from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.urls import reverse

from clinic.fields import BoundedDateField, BoundedSplitDateTimeField
from clinic.forms import AdminLoginForm
from clinic.two_factor import redirect_to_second_factor, second_factor_satisfied


class ClinicAdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def has_permission(self, request):
        return super().has_permission(request) and second_factor_satisfied(request)

    def login(self, request, extra_context=None):
        """After the password, send anyone who still owes a second factor to give it."""
        response = super().login(request, extra_context)
        user = request.user
        if user.is_active and user.is_staff and not second_factor_satisfied(request):
            next_url = request.POST.get("next") or request.GET.get("next")
            return redirect_to_second_factor(
                request, next_url or reverse("admin:index", current_app=self.name)
            )
        return response


class BoundedChangeList(ChangeList):
    def get_filters(self, request):
        # Django's date drill-down (?start__year=9999) steps past year 9999 and fails with
        # ValueError or OverflowError; as a bad lookup it gets the admin's usual "?e=1".
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as exc:
            raise IncorrectLookupParameters(exc) from exc


class BoundedDatesMixin:
    """For a ModelAdmin or inline: dates typed in its forms stay within 2000..2100 (see
    clinic.fields), and its date drill-down cannot be walked off the calendar.

    Not for a model with a date of birth: those go back before 2000.
    """

    formfield_overrides = {
        models.DateField: {"form_class": BoundedDateField},
        models.DateTimeField: {
            "form_class": BoundedSplitDateTimeField,
            "widget": widgets.AdminSplitDateTime,
        },
    }

    def get_changelist(self, request, **kwargs):
        return BoundedChangeList
