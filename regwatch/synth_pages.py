"""HTML of the synthetic archive's pages, in each source's layout (sources.md, data/demo/pages).

A page is built from a `Body`: a dateline, paragraphs and headed sections; a paragraph's
"\n" becomes <br> as on the real pages. The site chrome here (header, breadcrumb, footer) is
the demo pages' own, so the spiders read these pages exactly as they read the demo. The
archive then dresses each page in its site's full furniture (regwatch/synth_chrome.py: menus,
sidebars, scripts), which brings it to the real pages' weight: about 45 kB for METI and MOFA
in Japanese, 30-35 kB in English; synth_chrome's docstring gives each size and why.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

Section = tuple[str, list[str]]  # (heading or "", paragraphs)


@dataclass
class Body:
    title: str
    dateline: str
    sections: list[Section]
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    contact: list[str] = field(default_factory=list)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>" + "<br>\n".join(esc(line) for line in text.split("\n")) + "</p>"


def _sections(sections: list[Section], tag: str = "h2") -> str:
    out = []
    for heading, paragraphs in sections:
        if heading:
            out.append(f"\n<{tag}>{esc(heading)}</{tag}>")
        out.extend(_p(p) for p in paragraphs)
    return "\n".join(out)


def _links(attachments: list[tuple[str, str]]) -> str:
    return "\n".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for h, t in attachments)


def _head(lang: str, title: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n</head>\n<body>\n"
    )


METI_JA_HEADER = (
    '<div id="header">\n<p class="logo"><a href="/index.html">経済産業省 Ministry of Economy, '
    'Trade and Industry</a></p>\n<ul class="gnav"><li><a href="/press/index.html">ニュースリリース'
    '</a></li><li><a href="/policy/index.html">政策について</a></li><li><a href="/english/index.html">'
    "English</a></li></ul>\n</div>\n"
)
METI_JA_FOOTER = (
    '<div id="footer">\n<address>経済産業省　〒100-8901　東京都千代田区霞が関1-3-1　代表電話 '
    '03-3501-1511</address>\n<p class="copyright">Copyright Ministry of Economy, Trade and '
    "Industry. All Rights Reserved.</p>\n</div>\n</body>\n</html>\n"
)


def meti_ja(body: Body) -> str:
    materials = (
        f'\n<h2>関連資料</h2>\n<ul class="linkE">\n{_links(body.attachments)}\n</ul>'
        if body.attachments
        else ""
    )
    contact = f"\n<h2>担当</h2>\n{_p(chr(10).join(body.contact))}" if body.contact else ""
    return (
        _head("ja", f"{body.title}（METI/経済産業省）")
        + METI_JA_HEADER
        + '<div id="topicpath">\n<ol>\n<li><a href="/index.html">ホーム</a></li>\n'
        '<li><a href="/press/index.html">ニュースリリース</a></li>\n'
        f"<li>{esc(body.title)}</li>\n</ol>\n</div>\n"
        f'<div id="__main_contents" class="main">\n<h1>{esc(body.title)}</h1>\n'
        f'<div id="MainContents">\n<p class="date">{esc(body.dateline)}</p>\n'
        f"{_sections(body.sections)}{materials}{contact}\n</div>\n</div>\n" + METI_JA_FOOTER
    )


def meti_en(body: Body, back_issue: str) -> str:
    """back_issue: the breadcrumb's `{Month} FY{YYYY}`."""
    materials = (
        f'\n<h2>Related Materials</h2>\n<ul class="linkE">\n{_links(body.attachments)}\n</ul>'
        if body.attachments
        else ""
    )
    contact = (
        f"\n<h2>Division in Charge</h2>\n{_p(chr(10).join(body.contact))}" if body.contact else ""
    )
    return (
        _head("en", f"{body.title} | METI Ministry of Economy, Trade and Industry")
        + '<div id="header">\n<p class="logo"><a href="/english/index.html">METI Ministry of '
        'Economy, Trade and Industry</a></p>\n<ul class="gnav"><li><a href="/english/press/'
        'index.html">News Releases</a></li><li><a href="/english/policy/index.html">Policies</a>'
        '</li><li><a href="/index.html">Japanese</a></li></ul>\n</div>\n'
        '<p id="topicpath" class="topicpath"><a href="/english/index.html">Home</a> &gt; '
        '<a href="/english/press/index.html">News Releases</a> &gt; <a href="/english/press/'
        f'backissues.html">Back Issues</a> &gt; {esc(back_issue)} &gt; {esc(body.title)}</p>\n'
        f'<div id="__main_contents" class="main">\n<h1>{esc(body.title)}</h1>\n'
        f'<div id="MainContents">\n<p class="date">{esc(body.dateline)}</p>\n'
        f"{_sections(body.sections)}{materials}{contact}\n</div>\n</div>\n"
        '<div id="footer">\n<address>Ministry of Economy, Trade and Industry, 1-3-1 '
        'Kasumigaseki, Chiyoda-ku, Tokyo 100-8901, Japan</address>\n<p class="copyright">'
        "Copyright Ministry of Economy, Trade and Industry. All Rights Reserved.</p>\n</div>\n"
        "</body>\n</html>\n"
    )


def mofa_en(body: Body) -> str:
    links = f"\n<ul>\n{_links(body.attachments)}\n</ul>" if body.attachments else ""
    return (
        _head("en", f"{body.title} | Ministry of Foreign Affairs of Japan")
        + '<div id="wrapper">\n<div id="header">\n<p class="logo"><a href="/index.html">Ministry '
        'of Foreign Affairs of Japan</a></p>\n<ul class="gnav"><li><a href="/press/index.html">'
        'Press Room</a></li><li><a href="/policy/index.html">Foreign Policy</a></li><li><a '
        'href="/mofaj/index.html">Japanese</a></li></ul>\n</div>\n<div id="breadcrumb">\n<ul>\n'
        '<li><a href="/index.html">Home</a></li>\n<li><a href="/press/index.html">Press Room'
        '</a></li>\n<li><a href="/press/release/index.html">Press Releases</a></li>\n'
        f'<li>{esc(body.title)}</li>\n</ul>\n</div>\n<div id="contents">\n<div id="maincontents">\n'
        f'<p class="section-label">Press Releases</p>\n<h1>{esc(body.title)}</h1>\n'
        f'<p class="rightalign">{esc(body.dateline)}</p>\n<div class="main-text">\n'
        f"{_sections(body.sections, 'h3')}{links}\n</div>\n</div>\n</div>\n"
        '<div id="footer">\n<p class="copyright">Ministry of Foreign Affairs of Japan, 2-2-1 '
        "Kasumigaseki, Chiyoda-ku, Tokyo 100-8919</p>\n</div>\n</div>\n</body>\n</html>\n"
    )


def mofa_ja(body: Body) -> str:
    refs = "\n".join(f'<p>（参考）<a href="{esc(h)}">{esc(t)}</a></p>' for h, t in body.attachments)
    return (
        _head("ja", f"{body.title}｜外務省")
        + '<div id="wrapper">\n<div id="header">\n<p class="logo"><a href="/mofaj/index.html">'
        '外務省 Ministry of Foreign Affairs of Japan</a></p>\n<ul class="gnav"><li><a href="/mofaj/'
        'press/index.html">報道・広報</a></li><li><a href="/mofaj/gaiko/index.html">外交政策</a>'
        '</li><li><a href="/index.html">English</a></li></ul>\n</div>\n<div id="breadcrumb">\n'
        '<ul>\n<li><a href="/mofaj/index.html">トップページ</a></li>\n<li><a href="/mofaj/press/'
        'index.html">報道・広報</a></li>\n<li><a href="/mofaj/press/release/index.html">報道発表'
        f'</a></li>\n<li>{esc(body.title)}</li>\n</ul>\n</div>\n<main id="contents">\n'
        '<article id="contents-article">\n<div id="contents-header">\n'
        f'<h1 class="title1"><span>{esc(body.title)}</span></h1>\n</div>\n'
        '<div id="contents-body">\n<div id="main">\n<div id="maincontents">\n'
        f'<p class="rightalign">{esc(body.dateline)}</p>\n<div class="main-text">\n'
        f"{_sections(body.sections, 'h3')}\n{refs}\n</div>\n</div>\n</div>\n</div>\n</article>\n"
        '</main>\n<div id="footer">\n<p class="copyright">外務省　〒100-8919　東京都千代田区霞が関'
        "2-2-1　電話（代表）03-3580-3311</p>\n</div>\n</div>\n</body>\n</html>\n"
    )


@dataclass
class RussiaItem:
    heading: str
    region: str
    goods: str
    start: str  # "２０２２年３月１８日より"
    notes: list[str]  # "※２０２２年５月２０日より対象品目を追加"


def meti_russia(
    since: str,
    items: list[RussiaItem],
    lists: list[str],
    releases: list[tuple[str, str]],
    updated: str,
) -> str:
    """The living page: every measure in force, the entity lists, the latest releases."""
    blocks = []
    for n, item in enumerate(items, 1):
        notes = "\n".join(f'<p class="note">{esc(x)}</p>' for x in item.notes)
        blocks.append(
            f'<div class="measure">\n<h3>({n}) {esc(item.heading)}</h3>\n<dl>\n'
            f"<dt>対象地域</dt><dd>{esc(item.region)}</dd>\n"
            f"<dt>対象貨物等</dt><dd>{esc(item.goods)}</dd>\n"
            f"<dt>開始日</dt><dd>{esc(item.start)}</dd>\n</dl>\n{notes}\n</div>"
        )
    list_items = "\n".join(f"<li>{x}</li>" for x in lists)  # already HTML
    related = _links(releases)
    return (
        _head("ja", "ロシア・ベラルーシ等に関する輸出関連措置について（METI/経済産業省）")
        + METI_JA_HEADER
        + '<div id="topicpath">\n<ol>\n<li><a href="/index.html">ホーム</a></li>\n'
        '<li><a href="/policy/index.html">政策について</a></li>\n'
        '<li><a href="/policy/external_economy/index.html">対外経済</a></li>\n'
        '<li><a href="/policy/anpo/index.html">安全保障貿易管理</a></li>\n'
        "<li>ロシア・ベラルーシ等に関する輸出関連措置について</li>\n</ol>\n</div>\n"
        '<div class="wrapper2011">\n<h1>ロシア・ベラルーシ等に関する輸出関連措置について</h1>\n'
        "<p>ウクライナをめぐる現下の国際情勢を踏まえ、外国為替及び外国貿易法（外為法）に基づき、"
        "ロシア、ベラルーシ等を仕向地とする輸出等について以下の措置を講じています。</p>\n"
        "<h2>輸出許可・承認が必要となる貨物等</h2>\n"
        + (
            f'<p class="lead">{esc(since)}、以下の貨物の輸出及び技術の提供には経済産業大臣の'
            "許可又は承認が必要となりました。これらの申請については、原則として許可又は承認を"
            "行いません。その後追加された措置は、各項目の開始日から適用されます。</p>\n"
            + "\n".join(blocks)
            if blocks
            else "<p>現在、該当する措置はありません。</p>"
        )
        + "\n<h2>特定団体リスト</h2>\n"
        + (f'<ul class="linkE">\n{list_items}\n</ul>' if lists else "<p>ありません。</p>")
        + f'\n<h2>関連ニュースリリース</h2>\n<ul class="linkE">\n{related}\n</ul>\n'
        "<h2>お問合せ先</h2>\n<p>貿易経済協力局 貿易管理部 安全保障貿易審査課<br>\n"
        "電話：03-3501-2801（直通）</p>\n"
        f'<p class="update">最終更新日：{esc(updated)}</p>\n</div>\n' + METI_JA_FOOTER
    )
