"""What a shared link looks like in a chat app, and the card on a phone: `python -m tests.e2e.link_preview_screenshots`.

Starts the nginx recipe with its previews on loopback (deploy/local_stack.py), asks for a view as WeChat's
crawler does, and draws what the crawler got (the head's title, description and image) as a link card in
a plain chat bubble on a 390 px phone: our own mock of a chat window, not any app's real screen. Then the
card to post (the share box's "下载卡片 / Download card"), shown full width on the same phone as a feed shows
a posted image. Writes docs/screenshots/share-link-phone-<lang>.png, share-card-phone-<lang>.png and
share-preview-<lang>.png (the 1200×630 picture as the crawler fetched it).
"""
import base64
import re
import sys
import urllib.request
from html import escape, unescape

from playwright.sync_api import sync_playwright

from dashboard.reading.previews import page_preview
from dashboard.reading.share_images import card_png
from dashboard.reading.url_state import View
from dashboard.reading.urls import Urls
from dashboard.storing.package import read_package
from deploy.browser import PHONE, launch
from deploy.local_stack import running_stack
from deploy.server import ROOT

OUT = ROOT / "docs" / "screenshots"
WECHAT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN")
VIEW = {"zh": View(lang="zh", region="330900", metric="cases_filed"), "en": View(lang="en", region="330900", metric="cases_filed")}
BUBBLE = """<!doctype html><html lang="{lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><body style="margin:0;background:#ededed;
font-family:'Noto Sans CJK SC',sans-serif"><div style="padding:14px 12px;color:#888;font-size:12px;text-align:center">
{note}</div><div style="display:flex;justify-content:flex-end;padding:0 12px 14px"><div style="background:#fff;border-radius:6px;
width:270px;padding:12px;box-shadow:0 1px 1px #0001"><div style="font-size:16px;line-height:1.35;color:#111;
margin-bottom:8px">{title}</div><div style="display:flex;gap:8px"><div style="font-size:13px;line-height:1.4;color:#777;
flex:1;max-height:110px;overflow:hidden">{description}</div></div><img src="{image}" style="width:100%;margin-top:8px;
border-radius:3px" alt=""><div style="font-size:11px;color:#aaa;margin-top:6px;border-top:1px solid #eee;padding-top:6px">
{site}</div></div></div></body></html>"""
NOTE = {"zh": "示意:聊天应用按本站页面头部生成的链接卡片(模拟界面)",
        "en": "Mock-up: the link card a chat app builds from this page's head (not a real app's screen)"}


def crawl(url: str) -> tuple[dict, bytes]:
    """The head as WeChat's fetcher gets it through nginx, and the image it names."""
    request = urllib.request.Request(url, headers={"User-Agent": WECHAT})
    html = urllib.request.urlopen(request, timeout=20).read().decode()
    head = {key: unescape(value) for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html)}
    image = urllib.request.urlopen(urllib.request.Request(head["og:image"], headers={"User-Agent": WECHAT}), timeout=20).read()
    return head, image


def main() -> int:
    data = read_package(ROOT / "data" / "datapackage.json")
    with running_stack(previews=True) as stack, sync_playwright() as playwright:
        browser = launch(playwright)
        urls = Urls(stack.url + "/", "qinglian")
        for lang, view in VIEW.items():
            head, image = crawl(urls.share("enforcement", view))
            (OUT / f"share-preview-{lang}.png").write_bytes(image)
            context = browser.new_context(**PHONE, device_scale_factor=2)
            page = context.new_page()
            page.set_content(BUBBLE.format(lang=lang, note=escape(NOTE[lang]), title=escape(head["og:title"]),
                                           description=escape(head["og:description"]), site=escape(head["og:site_name"]),
                                           image="data:image/png;base64," + base64.b64encode(image).decode()))
            page.wait_for_timeout(300)
            page.locator("body").screenshot(path=str(OUT / f"share-link-phone-{lang}.png"))  # the chat, not the empty screen below
            card = card_png(page_preview(data, "enforcement", view), urls.share("enforcement", view))
            page.set_content('<!doctype html><meta name="viewport" content="width=device-width"><body style="margin:0;background:#000"><img style="width:100%;display:block" '
                             f'src="data:image/png;base64,{base64.b64encode(card).decode()}" alt=""></body>')
            page.set_viewport_size({"width": 390, "height": 488})  # 1080×1350 at a phone's 390 px
            page.wait_for_timeout(300)
            page.screenshot(path=str(OUT / f"share-card-phone-{lang}.png"))
            context.close()
            print(*(f"docs/screenshots/{name}-{lang}.png" for name in ("share-preview", "share-link-phone", "share-card-phone")))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
