from django.urls import path

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("feed/", feeds.StoriesFeed(), name="feed"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("section/<slug:slug>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("exclusives/", views.ExclusivesView.as_view(), name="exclusives"),
    path("exclusives/feed/", feeds.ExclusivesFeed(), name="exclusives_feed"),
    path("search/", views.SearchView.as_view(), name="search"),
]
