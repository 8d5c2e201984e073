package io.vazao.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every check on a rendered overlay: schemas first, then the cross-object rules. */
final class ManifestChecks {

    private ManifestChecks() {}

    static Manifest render(Path kustomization) {
        return Manifest.parse(Kustomize.render(kustomization));
    }

    static List<Violation> check(Manifest manifest) {
        List<Violation> out = new ArrayList<>();
        for (JsonNode object : manifest.objects()) {
            if (KedaSchema.covers(object)) {
                out.addAll(KedaSchema.validate(object));
            } else {
                out.addAll(CoreSchema.validate(object));
            }
        }
        out.addAll(CrossChecks.check(manifest));
        out.addAll(AuthorityChecks.check(manifest));
        return out;
    }
}
