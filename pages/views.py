"""The search page. Anonymous and identical for everyone, so it can be cached."""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from wagtail.models import Locale

from .forms import SearchForm
from .models import ProductIndexPage, ProductPage
from .search import MAX_QUERY_LENGTH, hits, search_pages

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET)
    query = ""
    page_obj = None
    results = []
    if form.is_valid():
        query = form.cleaned_data["q"]
    if query:
        paginator = Paginator(search_pages(query), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("pagina"))
        pages = [page.specific for page in page_obj]
        prefetch_related_objects([p for p in pages if isinstance(p, ProductPage)], "agency")
        results = hits(pages, query)
    return render(
        request,
        "pages/search.html",
        {
            "form": form,
            "query": query,
            "max_length": MAX_QUERY_LENGTH,
            "page_obj": page_obj,
            "results": results,
            # Where to go next when nothing was found.
            "product_index": None
            if results
            else ProductIndexPage.objects.live().filter(locale=Locale.get_active()).first(),
        },
    )
