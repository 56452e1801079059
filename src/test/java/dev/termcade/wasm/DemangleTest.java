package dev.termcade.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DemangleTest {
    @Test
    void rustSymbolsDemangle() {
        assertEquals("rocket::Game::explode", Module.demangle("_ZN6rocket4Game7explode17h0123456789abcdefE"));
        assertEquals("core::fmt::Write", Module.demangle("_ZN4core3fmt5WriteE"));
        assertEquals("<T as Foo>::bar", Module.demangle("_ZN24$LT$T$u20$as$u20$Foo$GT$3barE"));
    }

    @Test
    void hostileLengthsAreShownAsTheyAre() {
        for (String s : new String[]{"_ZN99999999999aE", "_ZN2147483647aE", "_ZN4294967296aE", "_ZN2147483648aE", "_ZN9E", "_ZNE",
                "_ZN-1aE", "_ZN\u0663aE", "_ZN3fooE3barE", "_ZN1a99999999999999999999999999E", "_ZN" + "9".repeat(5000) + "E"}) {
            String d = Module.demangle(s);
            assertEquals(s, d, "shown as it is");
        }
    }

    @Test
    void noNameThrows() {
        Random rnd = new Random(99);
        String alphabet = "_ZNE0123456789$LTGu20hab.:";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder("_ZN");
            int len = rnd.nextInt(24);
            for (int i = 0; i < len; i++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            sb.append('E');
            Module.demangle(sb.toString());
        }
    }
}
