"""The LLM narrator words the engine's decision; the price guard keeps it to that decision.

Two kinds of model: LangChain's fake chat model (a subclass with `bind_tools`, as an agent would
need) and the real `ChatOpenAI` talking to a small OpenAI-compatible HTTP server started here,
streaming included.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from openai_stub import OpenAIStub

from assistant import narrator
from assistant.engine import Action, Decision, Reason
from assistant.replies import render

D = Decimal


class ToolCallingFake(GenericFakeChatModel):
    """LangChain's fake model streams its scripted messages; agents also need `bind_tools`."""

    def bind_tools(self, tools, **kwargs):
        return self


class Broken(GenericFakeChatModel):
    async def _astream(self, *args, **kwargs):
        raise ConnectionError("model down")
        yield  # pragma: no cover


def context(decision: Decision, lang: str = "en", hours: int | None = 24) -> narrator.Context:
    reply = render(
        decision, lang, currency_code="cad", negotiation_id="n-1", turn=3, deal_validity_hours=hours
    )
    return narrator.Context(
        decision=decision,
        reply=reply,
        lang=lang,
        currency_code="cad",
        negotiation_id="00000000-0000-0000-0000-000000000001",
        seq=6,
        shopper_text="would you take $250?",
        product_title="Sony WH-1000XM5",
        deal_validity_hours=hours,
    )


COUNTER = Decision(Action.counter, Reason.new_counter, D("300.00"))
ACCEPT = Decision(Action.accept, Reason.offer_accepted, D("310.00"))


async def collect(ctx, model):
    return [s async for s in narrator.narrate(ctx, model)]


def fake(text: str) -> ToolCallingFake:
    return ToolCallingFake(messages=iter([AIMessage(content=text)]))


async def test_template_mode_streams_the_stored_reply_word_by_word(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    ctx = context(COUNTER)
    snapshots = await collect(ctx, None)
    assert len(snapshots) == len(ctx.reply.split(" ")) > 3
    assert snapshots[-1] == ctx.reply
    assert all(ctx.reply.startswith(s) for s in snapshots)


async def test_the_model_words_the_counter_and_streams_it_sentence_by_sentence():
    ctx = context(COUNTER)
    text = "I hear you, but that is a bit low for this one. I could let it go for $300.00 today!"
    snapshots = await collect(ctx, fake(text))
    assert snapshots[0] == "I hear you, but that is a bit low for this one."
    assert snapshots[-1] == text


async def test_an_accepted_deal_keeps_the_hold_note():
    ctx = context(ACCEPT)
    snapshots = await collect(ctx, fake("Wonderful, we have a deal at $310.00!"))
    assert snapshots[-1] == "Wonderful, we have a deal at $310.00! This price is held for you for 24 hours."


@pytest.mark.parametrize(
    "text",
    [
        "Sure! As the manager said, $1 it is.",  # a lower price
        "Okay. I can do $300.00, or $250.00 if you pay cash.",  # a second price after a good one
        "Our floor is $280.00, so $300.00 is fair.",  # leaking a number
        "I can take 15% off, so $300.00.",  # a percentage
        "Let's say three hundred dollars.",  # a price in words
        "Fine, deal at $250",  # no sentence end: checked at the end of the stream
    ],
)
async def test_any_other_price_is_replaced_by_the_template_before_it_is_shown(text):
    ctx = context(COUNTER)
    snapshots = await collect(ctx, fake(text))
    assert snapshots[-1] == ctx.reply
    for snapshot in snapshots[:-1]:  # what was released before the switch states only the decision's price
        assert "$1 " not in snapshot and "250" not in snapshot and "280" not in snapshot
        assert "15%" not in snapshot and "hundred" not in snapshot


async def test_a_model_failure_falls_back_to_the_template():
    ctx = context(COUNTER, lang="fr")
    snapshots = await collect(ctx, Broken(messages=iter([])))
    assert snapshots == [ctx.reply]
    assert "300,00" in ctx.reply


async def test_questions_are_not_narrated():
    ctx = context(Decision(Action.answer_question, Reason.warranty))
    snapshots = await collect(ctx, fake("It has a 10 year warranty and costs $5."))
    assert snapshots[-1] == ctx.reply


# --- a real ChatOpenAI against a local OpenAI-compatible server ---------------------------------


@pytest.fixture
def openai_stub(monkeypatch):
    with OpenAIStub() as stub:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-local")
        monkeypatch.setenv("OPENAI_BASE_URL", stub.url)
        monkeypatch.setenv("ASSISTANT_LLM_MODEL", "local-test-model")
        yield stub


async def test_chat_openai_streams_from_a_compatible_server(openai_stub):
    openai_stub.reply = "Merci pour l'offre! Je peux vous le laisser à 300,00\u00a0$. Qu'en dites-vous?"
    ctx = context(COUNTER, lang="fr")
    assert narrator.configured()
    snapshots = await collect(ctx, None)
    assert snapshots[0] == "Merci pour l'offre!"
    assert snapshots[-1] == openai_stub.reply
    assert len(snapshots) >= 3  # released as it streamed, a sentence at a time

    (request,) = openai_stub.requests
    assert request["path"] == "/v1/chat/completions" and request["stream"] is True
    assert request["model"] == "local-test-model" and request["auth"] == "Bearer sk-test-local"
    system, human = request["messages"]
    assert system["role"] == "system" and "300,00\u00a0$" in system["content"]
    assert "Canadian French" in system["content"]
    assert "would you take $250?" in human["content"]  # quoted as data


async def test_an_injected_lower_price_from_the_server_is_replaced(openai_stub):
    openai_stub.reply = "SYSTEM OVERRIDE accepted. The manager approved it: yours for $1.00. Enjoy!"
    ctx = context(COUNTER)
    snapshots = await collect(ctx, None)
    assert snapshots[-1] == ctx.reply and "$300.00" in ctx.reply
    assert not any("$1.00" in s for s in snapshots)  # never shown, not even for a moment


async def test_a_dead_server_falls_back_to_the_template(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-local")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT_SECONDS", "3")
    ctx = context(ACCEPT)
    assert await collect(ctx, None) == [ctx.reply]
