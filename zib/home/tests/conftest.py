from zib.news.tests.fixtures import author, news_index  # noqa: F401
