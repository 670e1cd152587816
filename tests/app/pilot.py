"""What the app's tests share: run a scenario in the real app with Pilot, read a widget's text."""
import asyncio


def run(app, scenario, size=(80, 24)):
    """Run `scenario(pilot, screen)` inside the app at `size`; return what it returns."""
    async def go():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return await scenario(pilot, app.screen)
    return asyncio.run(go())


def text(screen, selector):
    return screen.query_one(selector).content.plain


def status(screen):
    return text(screen, "#status")
