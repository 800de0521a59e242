package dev.berth.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the dashboard and berth status say of the server's room, from status.sh's disk section. */
class DiskUsageTest {
    /** status.sh's disk section as it ran on this build machine (2026-12-03, Debian 12, Docker 20.10). */
    private static final String HERE = """
            data 304
            releases 4
            docker-root /var/lib/berth-test-docker/data
            install-df /dev/vda         264212084 24804268  81586644      24% /
            docker-df /dev/vda         264212084 24804268  81586644      24% /var/lib/berth-test-docker/data
            """;

    @Test
    void theFiguresAreReadAndPlentyOfRoomSaysNothing() {
        DiskUsage d = DiskUsage.parse(HERE);
        assertEquals(304L * 1024, d.dataBytes());
        assertEquals(4L * 1024, d.releasesBytes());
        assertNull(d.imagesBytes(), "no images folder: not measured");
        assertEquals(308L * 1024, d.deploymentBytes());
        assertEquals(81586644L * 1024, d.installFree());
        assertEquals(264212084L * 1024, d.installTotal());
        assertEquals("/var/lib/berth-test-docker/data", d.dockerRoot());
        assertTrue(d.sameFilesystem());
        assertNull(d.warning());
    }

    @Test
    void aFilesystemRunningOutIsWarnedAboutWithItsFigures() {
        DiskUsage full = DiskUsage.parse("data 104857600\ninstall-df /dev/sdb 209715200 207618048 2097152 99% /srv\n"
                + "docker-root /var/lib/docker\ndocker-df /dev/sda 52428800 10485760 41943040 20% /\n");
        assertEquals("The server is running out of room: 2.0 GB / 200.0 GB free where the install directory is."
                + " Databases stop writing when it is full: free some space or grow the disk (docker image prune"
                + " removes unused images).", full.warning().en());
        assertTrue(full.warning().zh().contains("部署目录所在磁盘剩余 2.0 GB / 200.0 GB"), full.warning().zh());

        DiskUsage docker = DiskUsage.parse("install-df /dev/sdb 209715200 10485760 199229440 5% /srv\n"
                + "docker-root /var/lib/docker\ndocker-df /dev/sda 52428800 49283072 3145728 95% /\n");
        assertTrue(docker.warning().en().contains("3.0 GB / 50.0 GB free under Docker's data root /var/lib/docker"),
                docker.warning().en());
        assertNull(DiskUsage.parse("data\ninstall-df garbage\n").warning(), "figures not known: nothing claimed");
    }
}
