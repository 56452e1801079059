package dev.termcade.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termcade.vm.CompiledModule;
import dev.termcade.vm.Machine;
import org.junit.jupiter.api.Test;

/** A one-player game run by one thread while another hands it the buttons (an SSH room's viewer). */
class GameTest {
    /** Runs {@code r} on a thread other than the game's, and waits for it. */
    private static void elsewhere(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "viewer");
        t.start();
        t.join();
    }

    @Test
    void buttonsFromAnotherThreadReachTheCartAtTheNextStepAndATapIsNotLost() throws Exception {
        CompiledModule rocket = CompiledModule.load(HeadlessTest.carts().resolve("rocket.wasm"));
        try (Game g = new Game(rocket, new ConsoleOptions(), new Machine())) {
            g.sizePicture(80, 23, RenderMode.HALF);
            int heading = RocketHeading.offset(g.memory());

            elsewhere(() -> g.button(0, Button.LEFT, true));
            assertEquals(RocketHeading.START, RocketHeading.of(g, heading), "nothing happens before the step");
            g.step(0.1);
            double turned = RocketHeading.of(g, heading);
            assertTrue(turned < RocketHeading.START, "held: the ship turns left at the step");
            elsewhere(() -> g.button(0, Button.LEFT, false));
            g.step(0.1);
            assertEquals(turned, RocketHeading.of(g, heading), "released: it stops turning");

            elsewhere(() -> {
                g.button(0, Button.LEFT, true);
                g.button(0, Button.LEFT, false);
            });
            g.step(0.1);
            double tapped = RocketHeading.of(g, heading);
            assertTrue(tapped < turned, "a tap between two steps turns the ship for one step");
            g.step(0.1);
            assertEquals(tapped, RocketHeading.of(g, heading), "and only for one");

            elsewhere(() -> g.button(1, Button.LEFT, true));
            g.step(0.1);
            assertEquals(tapped, RocketHeading.of(g, heading), "a one-player cart has no player 2");
            assertEquals(null, g.crash());
        }
    }

    @Test
    void otherThreadsCopyTheLastFinishedFrameAndTheGameThreadItsOwnPicture() throws Exception {
        CompiledModule rocket = CompiledModule.load(HeadlessTest.carts().resolve("rocket.wasm"));
        try (Game g = new Game(rocket, new ConsoleOptions(), new Machine())) {
            g.sizePicture(40, 10, RenderMode.HALF);
            Framebuffer own = new Framebuffer(1, 1), viewer = new Framebuffer(1, 1);
            g.step(0.1);
            g.copyPicture(own);
            assertTrue(own.texts().stream().anyMatch(t -> t.text().startsWith("Score")), "the game thread copies the frame it drew");
            elsewhere(() -> g.copyPicture(viewer));
            assertEquals(40, viewer.width(), "a viewer gets the picture's size as soon as it is sized");
            assertEquals(20, viewer.height());
            for (int i = 0; i < 5; i++) g.step(0.1);
            g.copyPicture(own);
            elsewhere(() -> g.copyPicture(viewer));
            assertEquals(own.texts(), viewer.texts(), "once viewed, each finished frame is published");
            for (int y = 0; y < 20; y++) for (int x = 0; x < 40; x++) assertEquals(own.get(x, y), viewer.get(x, y));
        }
    }
}
