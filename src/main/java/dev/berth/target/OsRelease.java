package dev.berth.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The identity of the target's distribution from /etc/os-release. Chinese distributions often have no ID_LIKE
 * (Kylin, openEuler), so checks match the lower-cased {@link #families()}: ID plus every ID_LIKE word.
 *
 * @param id         ID as written ("ubuntu", "centos", "kylin", "openEuler"); empty when unknown
 * @param versionId  VERSION_ID ("7", "18.04", "V10", "22.03")
 * @param idLike     ID_LIKE words in order
 * @param prettyName PRETTY_NAME, or NAME, or the redhat-release line
 * @param fields     every key of the file
 */
public record OsRelease(String id, String versionId, List<String> idLike, String prettyName,
                        Map<String, String> fields) {

    public OsRelease {
        id = id == null ? "" : id;
        versionId = versionId == null ? "" : versionId;
        idLike = idLike == null ? List.of() : List.copyOf(idLike);
        prettyName = prettyName == null ? "" : prettyName;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static OsRelease unknown() {
        return new OsRelease("", "", List.of(), "", Map.of());
    }

    public boolean isKnown() {
        return !id.isEmpty();
    }

    /** ID and ID_LIKE, lower-cased, ID first. */
    public List<String> families() {
        List<String> all = new ArrayList<>();
        if (!id.isEmpty()) {
            all.add(id.toLowerCase(Locale.ROOT));
        }
        for (String like : idLike) {
            all.add(like.toLowerCase(Locale.ROOT));
        }
        return all;
    }

    /** What to show the operator: PRETTY_NAME, else "id version". */
    public String display() {
        if (!prettyName.isEmpty()) {
            return prettyName;
        }
        return isKnown() ? (id + " " + versionId).trim() : "unknown";
    }
}
