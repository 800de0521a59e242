package dev.berth.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Spellings that the round trips in HostileValuesTest read back, pinned; and what no format can carry. */
class QuoteTest {
    @Test
    void yamlEscapesWhatParsersFoldOrRefuse() {
        assertEquals("\"a\\x85b\\x80\\x9f\\x7f\"", Quote.yaml("a\u0085b\u0080\u009f\u007f"));
        assertEquals("\"\\u2028\\u2029\\ufeff\\ufffe\\uffff\\ufdd0\"", Quote.yaml("\u2028\u2029\ufeff\ufffe\uffff\ufdd0"));
        assertEquals("\"\\U0001fffe 🚀 中文 \u00a0\"", Quote.yaml("\ud83f\udffe 🚀 中文 \u00a0"));
    }

    @Test
    void dotenvPerDialect() {
        assertEquals("'plain $x'", Quote.dotenv("plain $x", DotenvDialect.PYTHON_DOTENV));
        assertEquals("'plain $x'", Quote.dotenv("plain $x", DotenvDialect.COMPOSE_GO));
        assertEquals("\"a$${}{b}\\\\${}\"", Quote.dotenv("a${b}\\", DotenvDialect.PYTHON_DOTENV));
        assertEquals("\"a$${b}\\\\\"", Quote.dotenv("a${b}\\", DotenvDialect.COMPOSE_GO));
        assertEquals("'a${b}\\c'", Quote.dotenv("a${b}\\c", DotenvDialect.COMPOSE_GO), "single quotes are literal");
        assertEquals("\"it's $$x\"", Quote.dotenv("it's $x", DotenvDialect.COMPOSE_GO));
    }

    @Test
    void whatNoFileCanHoldIsRefused() {
        for (UnaryOperator<String> q : java.util.List.<UnaryOperator<String>>of(Quote::shell, Quote::yaml,
                Quote::compose, Quote::json, Quote::dotenv, v -> Quote.dotenv(v, DotenvDialect.COMPOSE_GO))) {
            Quote.Unquotable e = assertThrows(Quote.Unquotable.class, () -> q.apply("half \ud800 pair"));
            assertEquals("half \ud800 pair", e.value());
        }
        assertThrows(Quote.Unquotable.class, () -> Quote.dotenv("nul\0", DotenvDialect.COMPOSE_GO));
    }
}
