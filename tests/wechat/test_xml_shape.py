"""The XML shape check's bounds (element count, depth) hold at their edges, for the flat callbacks WeChat sends
(checked without the walk) and for nested ones alike."""

from __future__ import annotations

import pytest

from bot.channels.wechat_protocol import MAX_DEPTH, MAX_ELEMENTS, ProtocolError, _safe_xml


def _flat(children: int) -> bytes:
    return ("<xml>" + "<A>x</A>" * children + "</xml>").encode()


def _deep(depth: int) -> bytes:
    # <xml> is level 1; the rest nest inside one child.
    return ("<xml>" + "<a>" * (depth - 1) + "x" + "</a>" * (depth - 1) + "</xml>").encode()


def test_a_flat_body_is_bounded_by_its_element_count() -> None:
    assert _safe_xml(_flat(MAX_ELEMENTS - 1))["A"] == ["x"] * (MAX_ELEMENTS - 1)
    with pytest.raises(ProtocolError, match="too deep or too large"):
        _safe_xml(_flat(MAX_ELEMENTS))


def test_a_nested_body_is_bounded_by_its_depth_and_count() -> None:
    assert _safe_xml(_deep(MAX_DEPTH))
    with pytest.raises(ProtocolError, match="too deep or too large"):
        _safe_xml(_deep(MAX_DEPTH + 1))
    wide = ("<xml><B><C>x</C></B>" + "<A>x</A>" * (MAX_ELEMENTS - 2) + "</xml>").encode()
    with pytest.raises(ProtocolError, match="too deep or too large"):
        _safe_xml(wide)


def test_a_plain_callback_parses_as_before() -> None:
    body = (b"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>"
            b"<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            b"<Content><![CDATA[ \xe4\xbd\xa0\xe5\xa5\xbd ]]></Content><MsgId>9</MsgId></xml>")
    assert _safe_xml(body) == {"ToUserName": "gh_1", "FromUserName": "o1", "CreateTime": "1", "MsgType": "text",
                               "Content": "你好", "MsgId": "9"}


@pytest.mark.parametrize("body", [
    "<xml><A>x</A><B> padded </B><C></C><D>   </D><E/><F><![CDATA[ 我 ]]></F></xml>",
    '<xml><A k="v">x</A><B>y</B></xml>',  # an attribute: a dict
    "<xml><A>x</A><A>y</A><B>z</B></xml>",  # repeated: a list
    '<xml k="v"><A>x</A></xml>',
    "<xml> root text <A>x</A></xml>",
    "<xml><A><B>x</B></A><C>y</C></xml>",  # nested
])
def test_a_flat_callback_parses_to_the_walks_dict(body: str) -> None:
    """Guard (lane16, a pure-speed change): the flat loop gives the recursive walk's dict, and steps aside for
    attributes, repeats, root text and nesting."""
    from xml.etree import ElementTree

    from bot.channels.wechat_protocol import _node

    assert _safe_xml(body.encode()) == _node(ElementTree.fromstring(body))


@pytest.mark.parametrize("content", ["<Content><![CDATA[我想找工作]]></Content>", "<Content>  1 </Content>",
                                     "<Content></Content>", "", '<Content k="v">x</Content>',
                                     "<Content>a</Content><Content>b</Content>"])
def test_a_text_messages_content_is_wechatpys(content: str) -> None:
    """Guard (lane16): the text taken from <Content> without wechatpy's TextMessage is what its `content` gave."""
    from datetime import UTC, datetime

    from wechatpy.messages import TextMessage

    from bot.channels.clean import clean_text
    from bot.channels.wechat_protocol import parse

    body = ("<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>"
            f"<MsgType>text</MsgType>{content}<MsgId>7</MsgId></xml>").encode()
    wechatpys = clean_text(str(TextMessage(dict(_safe_xml(body))).content or ""))
    assert parse(body, datetime.now(UTC)).inbound.text == wechatpys
