from django.urls import path

from articles.feeds import AuthorFeed

from . import views

app_name = "authors"
urlpatterns = [
    path("<slug:slug>/", views.AuthorDetailView.as_view(), name="detail"),
    path("<slug:slug>/feed/", AuthorFeed(), name="feed"),
]
