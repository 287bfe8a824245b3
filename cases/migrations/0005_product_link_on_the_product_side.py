"""One link between products and case types: ProductPage.case_type.

CaseType.product_page (older, unused by the code) is removed; a link it held is
copied to the product first, when that product has no case type yet and both
belong to the same agency (ProductPage.clean's rule).
"""

from django.db import migrations


def copy_links_to_products(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    ProductPage = apps.get_model("pages", "ProductPage")
    for case_type in CaseType.objects.filter(product_page__isnull=False):
        ProductPage.objects.filter(
            pk=case_type.product_page_id, case_type__isnull=True, agency_id=case_type.agency_id
        ).update(case_type=case_type)


def copy_links_back(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    ProductPage = apps.get_model("pages", "ProductPage")
    for product in ProductPage.objects.filter(case_type__isnull=False):
        CaseType.objects.filter(pk=product.case_type_id, product_page__isnull=True).update(
            product_page_id=product.pk
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_api_clients_webhooks"),
        ("pages", "0005_pending_uploads_and_file_questions"),
    ]

    operations = [
        migrations.RunPython(copy_links_to_products, copy_links_back),
        migrations.RemoveField(model_name="casetype", name="product_page"),
    ]
