"""Who a booking is for, as given; patient records that only proven bookings join; secrets
sent in links kept as digests; erasure requests. The data follows in 0005."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bookings', '0006_screening_outcome_and_unasked_staff_answers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='booking',
            name='address_confirmed_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='booking',
            name='given_date_of_birth',
            field=models.DateField(blank=True, null=True, verbose_name='date of birth given'),
        ),
        migrations.AddField(
            model_name='booking',
            name='given_email',
            field=models.EmailField(db_index=True, default='', max_length=254, verbose_name='email given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='booking',
            name='given_first_name',
            field=models.CharField(default='', max_length=60, verbose_name='first name given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='booking',
            name='given_last_name',
            field=models.CharField(default='', max_length=60, verbose_name='last name given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='booking',
            name='given_phone',
            field=models.CharField(default='', max_length=30, verbose_name='phone given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalbooking',
            name='address_confirmed_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='historicalbooking',
            name='given_date_of_birth',
            field=models.DateField(blank=True, null=True, verbose_name='date of birth given'),
        ),
        migrations.AddField(
            model_name='historicalbooking',
            name='given_email',
            field=models.EmailField(db_index=True, default='', max_length=254, verbose_name='email given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalbooking',
            name='given_first_name',
            field=models.CharField(default='', max_length=60, verbose_name='first name given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalbooking',
            name='given_last_name',
            field=models.CharField(default='', max_length=60, verbose_name='last name given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalbooking',
            name='given_phone',
            field=models.CharField(default='', max_length=30, verbose_name='phone given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalpatient',
            name='erased_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='patient',
            name='erased_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name='booking',
            name='patient',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='bookings', to='bookings.patient'),
        ),
        migrations.AlterField(
            model_name='historicalpatient',
            name='date_of_birth',
            field=models.DateField(null=True),
        ),
        migrations.AlterField(
            model_name='patient',
            name='date_of_birth',
            field=models.DateField(null=True),
        ),
        migrations.CreateModel(
            name='ErasureRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(blank=True, max_length=254)),
                ('status', models.CharField(choices=[('pending', 'Waiting for staff'), ('done', 'Erased')], default='pending', max_length=10)),
                ('requested_at', models.DateTimeField(auto_now_add=True)),
                ('done_at', models.DateTimeField(blank=True, null=True)),
                ('done_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('patient', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='erasure_requests', to='bookings.patient')),
            ],
            options={
                'ordering': ['-requested_at'],
            },
        ),
        migrations.CreateModel(
            name='AccessToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('purpose', models.CharField(choices=[('manage', 'See, move or cancel one booking'), ('sign_in', "Sign in to 'my bookings'"), ('confirm', 'Add a booking to the record of its email address')], max_length=10)),
                ('digest', models.CharField(max_length=64, unique=True)),
                ('email', models.EmailField(blank=True, help_text='Sign-in links: the address it was sent to.', max_length=254)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('expires_at', models.DateTimeField(blank=True, null=True)),
                ('used_at', models.DateTimeField(blank=True, null=True)),
                ('booking', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='access_tokens', to='bookings.booking')),
            ],
            options={
                'indexes': [models.Index(fields=['purpose', 'email', 'created_at'], name='bookings_ac_purpose_941152_idx')],
            },
        ),
    ]
