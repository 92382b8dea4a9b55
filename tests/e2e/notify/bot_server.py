#!/usr/bin/env python3
"""A local stand-in for the Feishu, DingTalk and WeCom custom bots, for
tests/e2e/test_notify.sh. It checks what each platform checks (the token, the signature
and its timestamp window, the JSON shape, the keyword) and answers with the platform's
codes; every message it accepts is appended to DIR/received.jsonl, every request to
DIR/attempts.log. DIR/mode ("MODE PLATFORM") changes its behaviour for that platform's next request:
  ratelimit-once  answer the platform's rate-limit code once, then accept
  slow            wait 3 seconds and drop the message (the client times out)
Usage: bot_server.py DIR FEISHU_SECRET DINGTALK_SECRET KEYWORD (prints the port to DIR/port)
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIR, FEISHU_SECRET, DING_SECRET, KEYWORD = sys.argv[1:5]


def take_mode(platform):
    """The mode DIR/mode sets ("MODE PLATFORM"), used up by that platform's next request."""
    path = os.path.join(DIR, "mode")
    try:
        with open(path) as f:
            mode, _, only = f.read().strip().partition(" ")
    except FileNotFoundError:
        return ""
    if only and only != platform:
        return ""
    os.remove(path)
    return mode


def record(name, line):
    with open(os.path.join(DIR, name), "a") as f:
        f.write(line + "\n")


def feishu_shape_problem(body):
    """What is wrong with a Feishu custom bot's body, per msg_type, or None. text:
    content.text. post: content.post.<locale> with a title and content, a list of
    paragraphs, each a list of elements: text (text), a (text, href), at (user_id).
    interactive: the card under "card" (not "content"), a header title and elements,
    each div's text a plain_text or lark_md object."""
    kind = body.get("msg_type")
    extra = set(body) - {"msg_type", "content", "card", "timestamp", "sign"}
    if extra:
        return f"unknown fields {sorted(extra)}"
    if kind == "text":
        return None if isinstance(body.get("content", {}).get("text"), str) else "content.text"
    if kind == "post":
        post = body.get("content", {}).get("post")
        if not isinstance(post, dict) or len(post) != 1 or \
                next(iter(post)) not in ("zh_cn", "en_us", "ja_jp"):
            return "content.post.<locale>"
        message = next(iter(post.values()))
        if not isinstance(message.get("title"), str) or not isinstance(message.get("content"), list):
            return "post title and content"
        for paragraph in message["content"]:
            if not isinstance(paragraph, list):
                return "a paragraph is not a list"
            for element in paragraph:
                tag = element.get("tag")
                need = {"text": ["text"], "a": ["text", "href"], "at": ["user_id"]}.get(tag)
                if need is None or any(not isinstance(element.get(k), str) for k in need):
                    return f"post element {element}"
        return None
    if kind == "interactive":
        card = body.get("card")
        if "content" in body or not isinstance(card, dict):
            return "a custom bot's card goes under card"
        title = card.get("header", {}).get("title", {})
        if title.get("tag") != "plain_text" or not isinstance(title.get("content"), str):
            return "card header title"
        if not isinstance(card.get("elements"), list) or not card["elements"]:
            return "card elements"
        for element in card["elements"]:
            if element.get("tag") == "hr":
                continue
            text = element.get("text", {})
            if element.get("tag") != "div" or text.get("tag") not in ("plain_text", "lark_md") or \
                    not isinstance(text.get("content"), str):
                return f"card element {element}"
        return None
    return f"msg_type {kind}"


class Bot(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, payload, status=200):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        platform = url.path.strip("/").split("/")[0]
        record("attempts.log", platform)
        mode = take_mode(platform)
        if mode == "slow":
            time.sleep(3)
            return
        try:
            body = json.loads(raw)
        except ValueError:
            return self.answer({"code": 9499, "msg": "Bad Request"}, 400)
        if platform == "feishu":
            return self.feishu(url, body, mode)
        if platform == "dingtalk":
            return self.dingtalk(query, body, mode)
        if platform == "wecom":
            return self.wecom(query, body, mode)
        self.answer({"errcode": 404, "errmsg": "no such bot"}, 404)

    def feishu(self, url, body, mode):
        if url.path != "/feishu/hook/feishu-token":
            return self.answer({"code": 19001, "msg": "param invalid: incoming webhook access token invalid"})
        if mode == "ratelimit-once":
            return self.answer({"code": 11232, "msg": "frequency limited psm"})
        ts = body.get("timestamp", "")
        expected = base64.b64encode(
            hmac.new(f"{ts}\n{FEISHU_SECRET}".encode(), b"", hashlib.sha256).digest()).decode()
        if not ts or abs(time.time() - int(ts)) > 3600 or body.get("sign") != expected:
            return self.answer({"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"})
        problem = feishu_shape_problem(body)
        if problem:
            record("refused.log", "feishu: " + problem)
            return self.answer({"code": 9499, "msg": "Bad Request: " + problem})
        record("received.jsonl", json.dumps({"platform": "feishu", "body": body}, ensure_ascii=False))
        self.answer({"code": 0, "data": {}, "msg": "success"})

    def dingtalk(self, query, body, mode):
        if query.get("access_token") != ["ding-token"]:
            return self.answer({"errcode": 300001, "errmsg": "token is not exist"})
        if mode == "ratelimit-once":
            return self.answer({"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"})
        ts = query.get("timestamp", [""])[0]
        sign = query.get("sign", [""])[0]
        expected = base64.b64encode(hmac.new(
            DING_SECRET.encode(), f"{ts}\n{DING_SECRET}".encode(), hashlib.sha256).digest()).decode()
        if not ts or abs(time.time() * 1000 - int(ts)) > 3600 * 1000 or sign != expected:
            return self.answer({"errcode": 310000, "errmsg": "sign not match"})
        markdown = body.get("markdown", {})
        if body.get("msgtype") != "markdown" or not markdown.get("title") or not markdown.get("text"):
            return self.answer({"errcode": 40035, "errmsg": "missing parameter"})
        if KEYWORD not in markdown["title"] + markdown["text"]:
            return self.answer({"errcode": 310000, "errmsg": "keywords not in content"})
        record("received.jsonl", json.dumps({"platform": "dingtalk", "body": body}, ensure_ascii=False))
        self.answer({"errcode": 0, "errmsg": "ok"})

    def wecom(self, query, body, mode):
        if query.get("key") != ["wecom-key"]:
            return self.answer({"errcode": 93000, "errmsg": "invalid webhook url"})
        if mode == "ratelimit-once":
            return self.answer({"errcode": 45009, "errmsg": "api freq out of limit"})
        content = body.get("markdown", {}).get("content")
        if body.get("msgtype") != "markdown" or not isinstance(content, str):
            return self.answer({"errcode": 40008, "errmsg": "invalid message type"})
        if len(content.encode()) > 4096:
            return self.answer({"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"})
        record("received.jsonl", json.dumps({"platform": "wecom", "body": body}, ensure_ascii=False))
        self.answer({"errcode": 0, "errmsg": "ok"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Bot)
with open(os.path.join(DIR, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
server.serve_forever()
