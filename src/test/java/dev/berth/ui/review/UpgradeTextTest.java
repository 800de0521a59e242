package dev.berth.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.deploy.PreparedRelease;
import dev.berth.deploy.Upgrade;
import dev.berth.text.Localized;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Review step opens with what an upgrade changes, in the window's language, and says nothing for a redeploy. */
class UpgradeTextTest {
    private static PreparedRelease with(Upgrade upgrade) {
        return new PreparedRelease(null, null, "r2", null, List.of(), null, null, upgrade);
    }

    @Test
    void anUpgradeIsSpelledOutBeforeTheFileDifferences() {
        Upgrade u = new Upgrade("1.0.0", "1.1.0", List.of(new Upgrade.ImageChange("demo/web:1.0", "demo/web:1.1")),
                List.of("web"), List.of("web-log"), "20261203-130000-abcd");
        assertEquals("""
                Upgrade: 1.0.0 → 1.1.0.
                  image demo/web:1.0 → demo/web:1.1
                  services recreated: web
                  migration run once: web-log
                  a backup 20261203-130000-abcd is taken first (kept on the server).

                """, ReviewViewModel.upgrade(with(u), Localized::en));
        assertEquals("升级：1.0.0 → 1.1.0。", ReviewViewModel.upgrade(with(u), Localized::zh).lines().findFirst().orElseThrow());
        assertEquals("", ReviewViewModel.upgrade(with(null), Localized::en));
    }
}
