package io.brique.core.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The served OpenAPI document: {@code openapi/base.json} merged with each area's fragment
 * ({@code openapi/catalog.json}, {@code openapi/commerce.json}), which hold {@code paths} and
 * {@code components}. Built once at boot; a duplicate path is a build mistake and fails the boot.
 */
public final class OpenApiDocument {

    public static final List<String> FRAGMENTS = List.of("catalog", "commerce");

    private OpenApiDocument() {
    }

    public static JsonNode build(ObjectMapper json) {
        ObjectNode doc = (ObjectNode) read(json, "openapi/base.json");
        for (String name : FRAGMENTS) {
            JsonNode fragment = read(json, "openapi/" + name + ".json");
            if (fragment != null) {
                mergeSection(doc, fragment, "paths", name);
                JsonNode comps = fragment.get("components");
                if (comps != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = comps.fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> e = it.next();
                        ObjectNode target = ((ObjectNode) doc.get("components")).withObjectProperty(e.getKey());
                        e.getValue().fields().forEachRemaining(f -> {
                            if (!target.has(f.getKey())) {
                                target.set(f.getKey(), f.getValue());
                            }
                        });
                    }
                }
            }
        }
        return doc;
    }

    private static void mergeSection(ObjectNode doc, JsonNode fragment, String section, String name) {
        JsonNode part = fragment.get(section);
        if (part == null) {
            return;
        }
        ObjectNode target = doc.withObjectProperty(section);
        part.fields().forEachRemaining(e -> {
            if (target.has(e.getKey())) {
                throw new IllegalStateException("OpenAPI fragment " + name + " redefines " + e.getKey());
            }
            target.set(e.getKey(), e.getValue());
        });
    }

    private static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("invalid OpenAPI resource " + resource + ": " + e.getMessage(), e);
        }
    }
}
