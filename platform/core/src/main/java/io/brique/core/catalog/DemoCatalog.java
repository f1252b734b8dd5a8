package io.brique.core.catalog;

import io.brique.core.db.Inserts;
import static io.brique.core.db.jooq.Tables.ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.ATTRIBUTE_TRANSLATION;
import static io.brique.core.db.jooq.Tables.BRAND;
import static io.brique.core.db.jooq.Tables.CATEGORY;
import static io.brique.core.db.jooq.Tables.CATEGORY_TRANSLATION;
import static io.brique.core.db.jooq.Tables.PRODUCT;
import static io.brique.core.db.jooq.Tables.PRODUCT_ATTRIBUTE;
import static io.brique.core.db.jooq.Tables.PRODUCT_IMAGE;
import static io.brique.core.db.jooq.Tables.PRODUCT_TRANSLATION;
import static io.brique.core.db.jooq.Tables.VARIANT;
import static io.brique.core.db.jooq.Tables.VARIANT_OPTION;

import io.brique.core.db.Database;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The demo catalog: a deterministic (fixed seed) French/English shop of about 320 products over six
 * departments, with brands, filterable attributes, variants with options, stock and generated
 * pictures. Written in one transaction with multi-row inserts so it loads in well under a second.
 */
final class DemoCatalog {

    private static final long SEED = 20_261_122L;
    private static final int PER_SUBCATEGORY = 14;

    /** A product type: French noun, its gender (m/f), English noun. */
    private record Type(String fr, char gender, String en) {
    }

    /** A qualifier: French masculine and feminine forms, English adjective. */
    private record Qual(String m, String f, String en) {
    }

    /** A material (or key ingredient/scent): French phrase, English phrase, attribute value FR/EN. */
    private record Mat(String fr, String en, String valueFr, String valueEn) {
    }

    private enum Options { APPAREL, SHOES, COLOUR, VOLUME, KIDS, NONE }

    private record Sub(String fr, String en, String slugFr, String slugEn, Options options, int minEuros,
            int maxEuros, List<Type> types, List<Qual> quals, List<Mat> mats) {
    }

    private record Top(String fr, String en, String slugFr, String slugEn, String matAttribute, List<String> brands,
            String careFr, String careEn, List<Sub> subs) {
    }

    private static Type t(String fr, char g, String en) {
        return new Type(fr, g, en);
    }

    private static Qual q(String m, String f, String en) {
        return new Qual(m, f, en);
    }

    private static Mat mat(String fr, String en, String vfr, String ven) {
        return new Mat(fr, en, vfr, ven);
    }

    private static final List<Qual> CLOTHING_Q = List.of(q("classique", "classique", "Classic"),
            q("ajusté", "ajustée", "Slim-fit"), q("ample", "ample", "Relaxed"), q("rayé", "rayée", "Striped"),
            q("brodé", "brodée", "Embroidered"));
    private static final List<Qual> SHOES_Q = List.of(q("classique", "classique", "Classic"),
            q("léger", "légère", "Lightweight"), q("vintage", "vintage", "Vintage"),
            q("minimaliste", "minimaliste", "Minimalist"), q("confortable", "confortable", "Comfortable"));
    private static final List<Qual> HOME_Q = List.of(q("artisanal", "artisanale", "Handmade"),
            q("naturel", "naturelle", "Natural"), q("mat", "mate", "Matte"), q("moucheté", "mouchetée", "Speckled"),
            q("classique", "classique", "Classic"));
    private static final List<Qual> SPORT_Q = List.of(q("léger", "légère", "Lightweight"),
            q("technique", "technique", "Technical"), q("compact", "compacte", "Packable"),
            q("respirant", "respirante", "Breathable"), q("robuste", "robuste", "Rugged"));
    private static final List<Qual> BEAUTY_Q = List.of(q("apaisant", "apaisante", "Soothing"),
            q("nourrissant", "nourrissante", "Nourishing"), q("purifiant", "purifiante", "Purifying"),
            q("revitalisant", "revitalisante", "Revitalising"));
    private static final List<Qual> SCENT_Q = List.of(q("boisé", "boisée", "Woody"), q("fleuri", "fleurie", "Floral"),
            q("frais", "fraîche", "Fresh"), q("ambré", "ambrée", "Amber"));
    private static final List<Qual> KIDS_Q = List.of(q("éducatif", "éducative", "Educational"),
            q("coloré", "colorée", "Colourful"), q("classique", "classique", "Classic"), q("doux", "douce", "Soft"));

    private static final List<Top> TOPS = List.of(
            new Top("Vêtements", "Clothing", "vetements", "clothing", "material",
                    List.of("Atelier Lin", "Fil Rouge", "Maison Lune", "Nordkap"),
                    "Lavage à 30 °C, séchage à plat.", "Machine wash at 30 °C, dry flat.", List.of(
                    new Sub("T-shirts et hauts", "T-shirts and tops", "t-shirts-et-hauts", "t-shirts-and-tops",
                            Options.APPAREL, 15, 45, List.of(t("T-shirt", 'm', "T-shirt"), t("Débardeur", 'm', "tank top"),
                                    t("Polo", 'm', "polo shirt")), CLOTHING_Q,
                            List.of(mat("en coton bio", "organic cotton", "Coton bio", "Organic cotton"),
                                    mat("en lin", "linen", "Lin", "Linen"),
                                    mat("en jersey de coton", "cotton jersey", "Jersey de coton", "Cotton jersey"))),
                    new Sub("Chemises", "Shirts", "chemises", "shirts", Options.APPAREL, 39, 89,
                            List.of(t("Chemise", 'f', "shirt"), t("Surchemise", 'f', "overshirt"),
                                    t("Blouse", 'f', "blouse")), CLOTHING_Q,
                            List.of(mat("en lin", "linen", "Lin", "Linen"),
                                    mat("en popeline de coton", "cotton poplin", "Popeline de coton", "Cotton poplin"),
                                    mat("en flanelle", "flannel", "Flanelle", "Flannel"))),
                    new Sub("Pulls et sweats", "Knitwear and sweatshirts", "pulls-et-sweats", "knitwear-and-sweatshirts",
                            Options.APPAREL, 45, 129, List.of(t("Pull", 'm', "jumper"), t("Sweat à capuche", 'm', "hoodie"),
                                    t("Cardigan", 'm', "cardigan")), CLOTHING_Q,
                            List.of(mat("en laine mérinos", "merino wool", "Laine mérinos", "Merino wool"),
                                    mat("en cachemire", "cashmere", "Cachemire", "Cashmere"),
                                    mat("en molleton de coton bio", "organic cotton fleece", "Coton bio", "Organic cotton"))),
                    new Sub("Pantalons et jeans", "Trousers and jeans", "pantalons-et-jeans", "trousers-and-jeans",
                            Options.APPAREL, 49, 119, List.of(t("Pantalon", 'm', "trousers"), t("Jean", 'm', "jeans"),
                                    t("Short", 'm', "shorts")), CLOTHING_Q,
                            List.of(mat("en denim brut", "raw denim", "Denim", "Denim"),
                                    mat("en velours côtelé", "corduroy", "Velours côtelé", "Corduroy"),
                                    mat("en lin", "linen", "Lin", "Linen"))))),
            new Top("Chaussures", "Shoes", "chaussures", "shoes", "material",
                    List.of("Pas de Loup", "Sabots & Co", "Cime"),
                    "Nettoyer avec un chiffon humide, laisser sécher loin d’une source de chaleur.",
                    "Wipe with a damp cloth and let dry away from direct heat.", List.of(
                    new Sub("Baskets", "Sneakers", "baskets", "sneakers", Options.SHOES, 59, 139,
                            List.of(t("Basket basse", 'f', "low-top sneaker"), t("Basket montante", 'f', "high-top sneaker"),
                                    t("Tennis", 'f', "tennis shoe")), SHOES_Q,
                            List.of(mat("en cuir", "leather", "Cuir", "Leather"), mat("en daim", "suede", "Daim", "Suede"),
                                    mat("en toile", "canvas", "Toile", "Canvas"))),
                    new Sub("Bottes et bottines", "Boots", "bottes-et-bottines", "boots", Options.SHOES, 89, 219,
                            List.of(t("Bottine", 'f', "ankle boot"), t("Botte", 'f', "boot"),
                                    t("Boots chelsea", 'f', "Chelsea boot")), SHOES_Q,
                            List.of(mat("en cuir", "leather", "Cuir", "Leather"), mat("en daim", "suede", "Daim", "Suede"))),
                    new Sub("Sandales", "Sandals", "sandales", "sandals", Options.SHOES, 29, 99,
                            List.of(t("Sandale", 'f', "sandal"), t("Mule", 'f', "mule"), t("Espadrille", 'f', "espadrille")),
                            SHOES_Q, List.of(mat("en cuir", "leather", "Cuir", "Leather"),
                                    mat("en toile", "canvas", "Toile", "Canvas"), mat("en raphia", "raffia", "Raphia", "Raffia"))),
                    new Sub("Chaussons", "Slippers", "chaussons", "slippers", Options.SHOES, 19, 59,
                            List.of(t("Chausson", 'm', "slipper"), t("Mule d’intérieur", 'f', "house mule")), SHOES_Q,
                            List.of(mat("en laine bouillie", "boiled wool", "Laine bouillie", "Boiled wool"),
                                    mat("en feutre", "felt", "Feutre", "Felt"))))),
            new Top("Maison et cuisine", "Home and kitchen", "maison-et-cuisine", "home-and-kitchen", "material",
                    List.of("Terre d’Ocre", "Cuivre & Sel", "Kilim", "Ondine"),
                    "Passe au lave-vaisselle sauf mention contraire.", "Dishwasher safe unless stated otherwise.", List.of(
                    new Sub("Arts de la table", "Tableware", "arts-de-la-table", "tableware", Options.NONE, 9, 49,
                            List.of(t("Assiette plate", 'f', "dinner plate"), t("Bol", 'm', "bowl"), t("Tasse", 'f', "cup"),
                                    t("Carafe", 'f', "carafe")), HOME_Q,
                            List.of(mat("en grès", "stoneware", "Grès", "Stoneware"),
                                    mat("en porcelaine", "porcelain", "Porcelaine", "Porcelain"),
                                    mat("en verre recyclé", "recycled glass", "Verre recyclé", "Recycled glass"))),
                    new Sub("Ustensiles de cuisine", "Cookware", "ustensiles-de-cuisine", "cookware", Options.NONE, 19, 149,
                            List.of(t("Poêle", 'f', "frying pan"), t("Casserole", 'f', "saucepan"),
                                    t("Cocotte", 'f', "casserole dish"), t("Sauteuse", 'f', "sauté pan")),
                            List.of(q("professionnel", "professionnelle", "Professional"), q("compact", "compacte", "Compact"),
                                    q("classique", "classique", "Classic"), q("robuste", "robuste", "Heavy-duty")),
                            List.of(mat("en fonte", "cast iron", "Fonte", "Cast iron"),
                                    mat("en inox", "stainless steel", "Inox", "Stainless steel"),
                                    mat("en cuivre", "copper", "Cuivre", "Copper"))),
                    new Sub("Linge de maison", "Home linen", "linge-de-maison", "home-linen", Options.COLOUR, 25, 129,
                            List.of(t("Housse de couette", 'f', "duvet cover"), t("Nappe", 'f', "tablecloth"),
                                    t("Plaid", 'm', "throw"), t("Serviette de bain", 'f', "bath towel")),
                            List.of(q("uni", "unie", "Plain"), q("rayé", "rayée", "Striped"), q("doux", "douce", "Soft"),
                                    q("lavé", "lavée", "Stonewashed")),
                            List.of(mat("en lin", "linen", "Lin", "Linen"), mat("en coton", "cotton", "Coton", "Cotton"),
                                    mat("en gaze de coton", "cotton gauze", "Gaze de coton", "Cotton gauze"))),
                    new Sub("Décoration", "Decor", "decoration", "decor", Options.NONE, 12, 89,
                            List.of(t("Vase", 'm', "vase"), t("Bougie parfumée", 'f', "scented candle"),
                                    t("Coussin", 'm', "cushion"), t("Cadre photo", 'm', "photo frame")),
                            List.of(q("naturel", "naturelle", "Natural"), q("bohème", "bohème", "Boho"),
                                    q("minimaliste", "minimaliste", "Minimalist")),
                            List.of(mat("en céramique", "ceramic", "Céramique", "Ceramic"),
                                    mat("en rotin", "rattan", "Rotin", "Rattan"),
                                    mat("en verre soufflé", "blown glass", "Verre soufflé", "Blown glass"))))),
            new Top("Sport et plein air", "Sport and outdoor", "sport-et-plein-air", "sport-and-outdoor", "material",
                    List.of("Alto Sport", "Boréal", "Grand Large"),
                    "Lavage à 30 °C, sans adoucissant.", "Machine wash at 30 °C, no fabric softener.", List.of(
                    new Sub("Randonnée", "Hiking", "randonnee", "hiking", Options.APPAREL, 29, 199,
                            List.of(t("Veste de randonnée", 'f', "hiking jacket"), t("Polaire", 'f', "fleece"),
                                    t("Pantalon de randonnée", 'm', "hiking trousers")), SPORT_Q,
                            List.of(mat("en polyester recyclé", "recycled polyester", "Polyester recyclé", "Recycled polyester"),
                                    mat("en nylon ripstop", "ripstop nylon", "Nylon", "Nylon"),
                                    mat("en laine mérinos", "merino wool", "Laine mérinos", "Merino wool"))),
                    new Sub("Course à pied", "Running", "course-a-pied", "running", Options.APPAREL, 19, 99,
                            List.of(t("T-shirt de running", 'm', "running T-shirt"), t("Legging", 'm', "leggings"),
                                    t("Short de running", 'm', "running shorts"), t("Veste coupe-vent", 'f', "windbreaker")),
                            SPORT_Q, List.of(mat("en polyester recyclé", "recycled polyester", "Polyester recyclé",
                                    "Recycled polyester"), mat("en élasthanne", "stretch", "Élasthanne", "Elastane"))),
                    new Sub("Yoga et fitness", "Yoga and fitness", "yoga-et-fitness", "yoga-and-fitness", Options.COLOUR,
                            12, 79, List.of(t("Tapis de yoga", 'm', "yoga mat"), t("Brique de yoga", 'f', "yoga block"),
                                    t("Bouteille isotherme", 'f', "insulated bottle")), SPORT_Q,
                            List.of(mat("en liège", "cork", "Liège", "Cork"),
                                    mat("en caoutchouc naturel", "natural rubber", "Caoutchouc naturel", "Natural rubber"),
                                    mat("en inox", "stainless steel", "Inox", "Stainless steel"))),
                    new Sub("Camping", "Camping", "camping", "camping", Options.NONE, 15, 349,
                            List.of(t("Tente", 'f', "tent"), t("Sac de couchage", 'm', "sleeping bag"),
                                    t("Lampe frontale", 'f', "head torch"), t("Réchaud", 'm', "camping stove")), SPORT_Q,
                            List.of(mat("en polyester recyclé", "recycled polyester", "Polyester recyclé", "Recycled polyester"),
                                    mat("en aluminium", "aluminium", "Aluminium", "Aluminium"))))),
            new Top("Beauté", "Beauty", "beaute", "beauty", "ingredient",
                    List.of("Fleur de Sel", "Herbier", "Vague Bleue"),
                    "À conserver à l’abri de la lumière et de la chaleur.", "Store away from light and heat.", List.of(
                    new Sub("Soins du visage", "Skincare", "soins-du-visage", "skincare", Options.VOLUME, 14, 59,
                            List.of(t("Crème hydratante", 'f', "moisturising cream"), t("Sérum", 'm', "serum"),
                                    t("Masque", 'm', "face mask")), BEAUTY_Q,
                            List.of(mat("à l’aloe vera", "aloe vera", "Aloe vera", "Aloe vera"),
                                    mat("à l’huile d’argan", "argan oil", "Huile d’argan", "Argan oil"),
                                    mat("à la rose", "rose", "Rose", "Rose"))),
                    new Sub("Soins du corps", "Body care", "soins-du-corps", "body-care", Options.VOLUME, 6, 35,
                            List.of(t("Gel douche", 'm', "shower gel"), t("Lait corporel", 'm', "body lotion"),
                                    t("Gommage", 'm', "body scrub"), t("Savon", 'm', "soap bar")), BEAUTY_Q,
                            List.of(mat("au beurre de karité", "shea butter", "Beurre de karité", "Shea butter"),
                                    mat("à l’huile d’amande douce", "sweet almond oil", "Huile d’amande douce",
                                            "Sweet almond oil"), mat("au miel", "honey", "Miel", "Honey"))),
                    new Sub("Cheveux", "Hair care", "cheveux", "hair-care", Options.VOLUME, 8, 32,
                            List.of(t("Shampoing", 'm', "shampoo"), t("Après-shampoing", 'm', "conditioner"),
                                    t("Huile capillaire", 'f', "hair oil")), BEAUTY_Q,
                            List.of(mat("à l’huile d’argan", "argan oil", "Huile d’argan", "Argan oil"),
                                    mat("à l’ortie", "nettle", "Ortie", "Nettle"), mat("au miel", "honey", "Miel", "Honey"))),
                    new Sub("Parfums", "Fragrances", "parfums", "fragrances", Options.VOLUME, 25, 119,
                            List.of(t("Eau de toilette", 'f', "eau de toilette"), t("Eau de parfum", 'f', "eau de parfum"),
                                    t("Brume parfumée", 'f', "body mist")), SCENT_Q,
                            List.of(mat("à la fleur d’oranger", "orange blossom", "Fleur d’oranger", "Orange blossom"),
                                    mat("au vétiver", "vetiver", "Vétiver", "Vetiver"), mat("à la figue", "fig", "Figue", "Fig"))))),
            new Top("Enfants", "Kids", "enfants", "kids", "material",
                    List.of("Petit Mousse", "Les Loupiots", "Maison Lune"),
                    "Conforme à la norme EN 71. Ne convient pas aux enfants de moins de 3 ans sauf mention contraire.",
                    "Meets the EN 71 toy safety standard. Not suitable for children under 3 unless stated.", List.of(
                    new Sub("Vêtements enfant", "Kids’ clothing", "vetements-enfant", "kids-clothing", Options.KIDS, 12, 45,
                            List.of(t("Body", 'm', "bodysuit"), t("Pyjama", 'm', "pyjamas"), t("Salopette", 'f', "dungarees")),
                            KIDS_Q, List.of(mat("en coton bio", "organic cotton", "Coton bio", "Organic cotton"),
                                    mat("en gaze de coton", "cotton gauze", "Gaze de coton", "Cotton gauze"))),
                    new Sub("Jouets", "Toys", "jouets", "toys", Options.NONE, 9, 79,
                            List.of(t("Puzzle", 'm', "puzzle"), t("Jeu de construction", 'm', "building set"),
                                    t("Peluche", 'f', "soft toy"), t("Voiture à tirer", 'f', "pull-along car")), KIDS_Q,
                            List.of(mat("en bois", "wooden", "Bois", "Wood"),
                                    mat("en coton bio", "organic cotton", "Coton bio", "Organic cotton"),
                                    mat("en carton recyclé", "recycled cardboard", "Carton recyclé", "Recycled cardboard"))),
                    new Sub("Chambre d’enfant", "Kids’ room", "chambre-enfant", "kids-room", Options.NONE, 15, 149,
                            List.of(t("Veilleuse", 'f', "night light"), t("Tapis de jeu", 'm', "play mat"),
                                    t("Mobile", 'm', "mobile"), t("Coffre à jouets", 'm', "toy chest")), KIDS_Q,
                            List.of(mat("en bois", "wooden", "Bois", "Wood"), mat("en coton", "cotton", "Coton", "Cotton"),
                                    mat("en rotin", "rattan", "Rotin", "Rattan"))))));

    private static final String[][] COLOURS = {{"Blanc", "White"}, {"Noir", "Black"}, {"Bleu marine", "Navy"},
        {"Rouge brique", "Brick red"}, {"Vert sauge", "Sage green"}, {"Beige", "Beige"}, {"Gris chiné", "Heather grey"},
        {"Moutarde", "Mustard"}, {"Rose poudré", "Dusty pink"}, {"Bleu ciel", "Sky blue"}};
    private static final String[] SIZES = {"XS", "S", "M", "L", "XL"};
    private static final String[][] KID_SIZES = {{"3 mois", "3 months"}, {"6 mois", "6 months"},
        {"12 mois", "12 months"}, {"2 ans", "2 years"}, {"4 ans", "4 years"}};
    private static final String[] EXTRA_BRANDS = {"Atelier Brume", "Les Ateliers Garance"};

    private final Database db;
    private final CatalogRepository repo;

    DemoCatalog(Database db, CatalogRepository repo) {
        this.db = db;
        this.repo = repo;
    }

    /** Writes the catalog; returns the number of products. */
    int load() {
        return db.tx(tx -> write(tx.dsl()));
    }

    private record Planned(String handle, long categoryId, String brand, String nameFr, String nameEn,
            String descFr, String descEn, String matFr, String matEn, String matAttr, String colourFr,
            String colourEn, Options options, long basePrice, Long compareAt, LocalDateTime createdAt) {
    }

    private int write(DSLContext dsl) {
        Random rnd = new Random(SEED);
        LocalDateTime base = LocalDateTime.of(2026, 1, 5, 9, 0);
        // Attributes: material, key ingredient (beauty), colour (all filterable), care (not filterable).
        Map<String, Long> attributes = new HashMap<>();
        String[][] attrs = {{"material", "Matière", "Material", "true"}, {"ingredient", "Ingrédient clé",
            "Key ingredient", "true"}, {"colour", "Couleur", "Colour", "true"}, {"care", "Entretien", "Care", "false"}};
        for (String[] a : attrs) {
            Long id = dsl.select(ATTRIBUTE.ID).from(ATTRIBUTE).where(ATTRIBUTE.CODE.eq(a[0])).fetchOne(ATTRIBUTE.ID);
            if (id == null) {
                id = Inserts.id(dsl, dsl.insertInto(ATTRIBUTE).set(ATTRIBUTE.CODE, a[0]).set(ATTRIBUTE.FILTERABLE, Boolean.valueOf(a[3])), ATTRIBUTE.ID);
                dsl.insertInto(ATTRIBUTE_TRANSLATION, ATTRIBUTE_TRANSLATION.ATTRIBUTE_ID, ATTRIBUTE_TRANSLATION.LOCALE,
                        ATTRIBUTE_TRANSLATION.LABEL).values(id, "fr", a[1]).values(id, "en", a[2]).execute();
            }
            attributes.put(a[0], id);
        }
        // Brands.
        Set<String> brandNames = new java.util.LinkedHashSet<>();
        TOPS.forEach(top -> brandNames.addAll(top.brands()));
        brandNames.addAll(List.of(EXTRA_BRANDS));
        Map<String, Long> brands = new HashMap<>();
        for (String b : brandNames) {
            brands.put(b, Inserts.id(dsl, dsl.insertInto(BRAND).set(BRAND.NAME, b).set(BRAND.SLUG, Slugs.of(b, 190)), BRAND.ID));
        }
        // Categories and the plan of products.
        List<Planned> plan = new ArrayList<>();
        Set<String> handles = new HashSet<>();
        int topPos = 0;
        for (Top top : TOPS) {
            long topId = category(dsl, null, topPos++, top.fr(), top.en(), top.slugFr(), top.slugEn());
            int subPos = 0;
            for (Sub sub : top.subs()) {
                long subId = category(dsl, topId, subPos++, sub.fr(), sub.en(), sub.slugFr(), sub.slugEn());
                List<int[]> combos = new ArrayList<>();
                for (int ti = 0; ti < sub.types().size(); ti++) {
                    for (int qi = 0; qi < sub.quals().size(); qi++) {
                        for (int mi = 0; mi < sub.mats().size(); mi++) {
                            combos.add(new int[] {ti, qi, mi});
                        }
                    }
                }
                Collections.shuffle(combos, rnd);
                int made = 0;
                for (int[] c : combos) {
                    if (made == PER_SUBCATEGORY) {
                        break;
                    }
                    Type type = sub.types().get(c[0]);
                    Qual qual = sub.quals().get(c[1]);
                    Mat m = sub.mats().get(c[2]);
                    String nameFr = type.fr() + " " + (type.gender() == 'f' ? qual.f() : qual.m()) + " " + m.fr();
                    String nameEn = qual.en() + " " + m.en() + " " + type.en();
                    String handle = Slugs.of(nameEn, 90);
                    if (!handles.add(handle)) {
                        continue;
                    }
                    made++;
                    String brand = rnd.nextInt(10) == 0 ? EXTRA_BRANDS[rnd.nextInt(EXTRA_BRANDS.length)]
                            : top.brands().get(rnd.nextInt(top.brands().size()));
                    int euros = sub.minEuros() + rnd.nextInt(sub.maxEuros() - sub.minEuros() + 1);
                    int[] cents = {90, 99, 0, 50, 90};
                    long price = euros * 100L + cents[rnd.nextInt(cents.length)];
                    Long compare = rnd.nextInt(12) == 0 ? (Math.round(price * 1.3 / 100.0) * 100 - 10) : null;
                    String[] colour = COLOURS[rnd.nextInt(COLOURS.length)];
                    boolean beauty = top.matAttribute().equals("ingredient");
                    String descFr = beauty
                            ? nameFr + ", signé " + brand + ". Une formule " + m.fr() + " " + "testée sous contrôle "
                                    + "dermatologique, à la texture agréable et au parfum délicat.\n"
                                    + "Fabriqué en France. " + top.careFr()
                            : nameFr + ", signé " + brand + ". Fabrication soignée " + m.fr() + ", finitions contrôlées "
                                    + "une à une et un design pensé pour durer.\nColoris : " + colour[0].toLowerCase()
                                    + ". " + top.careFr();
                    String descEn = beauty
                            ? nameEn + " by " + brand + ". A " + m.en() + " formula, dermatologically tested, with a "
                                    + "pleasant texture and a delicate scent.\nMade in France. " + top.careEn()
                            : nameEn + " by " + brand + ". Carefully made in " + m.en() + ", every finish checked by "
                                    + "hand and a design built to last.\nColour: " + colour[1].toLowerCase() + ". "
                                    + top.careEn();
                    plan.add(new Planned(handle, subId, brand, nameFr, capitalise(nameEn), descFr, capitalise(descEn),
                            m.valueFr(), m.valueEn(), top.matAttribute(), colour[0], colour[1], sub.options(), price,
                            compare, base.plusHours(plan.size() * 7L)));
                }
            }
        }
        // Products.
        batch(dsl, PRODUCT, List.of(PRODUCT.HANDLE, PRODUCT.STATUS, PRODUCT.BRAND_ID, PRODUCT.CATEGORY_ID,
                PRODUCT.TAX_CLASS, PRODUCT.CREATED_AT, PRODUCT.UPDATED_AT), plan.stream().map(p -> new Object[] {
                    p.handle(), "active", brands.get(p.brand()), p.categoryId(),
                    p.matAttr().equals("ingredient") ? "standard" : "standard", p.createdAt(), p.createdAt()}).toList());
        Map<String, Long> ids = new HashMap<>();
        dsl.select(PRODUCT.HANDLE, PRODUCT.ID).from(PRODUCT).fetch().forEach(r -> ids.put(r.value1(), r.value2()));
        List<Object[]> texts = new ArrayList<>();
        List<Object[]> attrRows = new ArrayList<>();
        List<Object[]> images = new ArrayList<>();
        List<Object[]> variants = new ArrayList<>();
        Map<String, List<String[]>> optionsBySku = new HashMap<>();
        Set<String> slugsFr = new HashSet<>();
        Set<String> slugsEn = new HashSet<>();
        for (Planned p : plan) {
            long id = ids.get(p.handle());
            texts.add(new Object[] {id, "fr", p.nameFr(), unique(slugsFr, Slugs.of(p.nameFr(), 200)), p.descFr()});
            texts.add(new Object[] {id, "en", p.nameEn(), unique(slugsEn, Slugs.of(p.nameEn(), 200)), p.descEn()});
            long matAttr = attributes.get(p.matAttr());
            attrRows.add(new Object[] {id, matAttr, "fr", p.matFr()});
            attrRows.add(new Object[] {id, matAttr, "en", p.matEn()});
            if (p.options() != Options.VOLUME) {
                attrRows.add(new Object[] {id, attributes.get("colour"), "fr", p.colourFr()});
                attrRows.add(new Object[] {id, attributes.get("colour"), "en", p.colourEn()});
            }
            images.add(new Object[] {id, PlaceholderImages.url(id), p.nameFr(), 0});
            List<String[][]> opts = variantOptions(p, rnd);
            boolean soldOut = rnd.nextInt(30) == 0;
            int pos = 0;
            for (String[][] o : opts) {
                String sku = "BRQ-" + id + "-" + (pos + 1);
                int roll = rnd.nextInt(100);
                int stock = soldOut ? 0 : roll < 8 ? 0 : roll < 22 ? 1 + rnd.nextInt(4) : 8 + rnd.nextInt(60);
                long price = p.basePrice();
                if (p.options() == Options.VOLUME && pos == 1) {
                    price = Math.round(p.basePrice() * 1.7 / 100.0) * 100 - 10; // the large size
                }
                Long compare = p.compareAt() == null || p.options() == Options.VOLUME && pos == 1 ? null : p.compareAt();
                variants.add(new Object[] {id, sku, pos, price, compare, "EUR", stock, 0, "active", p.createdAt(),
                        p.createdAt()});
                List<String[]> rows = new ArrayList<>();
                for (int i = 0; i < o.length; i++) {
                    rows.add(new String[] {o[i][0], o[i][1], o[i][2], Integer.toString(i)});
                }
                optionsBySku.put(sku, rows);
                pos++;
            }
        }
        batch(dsl, PRODUCT_TRANSLATION, List.of(PRODUCT_TRANSLATION.PRODUCT_ID, PRODUCT_TRANSLATION.LOCALE,
                PRODUCT_TRANSLATION.NAME, PRODUCT_TRANSLATION.SLUG, PRODUCT_TRANSLATION.DESCRIPTION), texts);
        batch(dsl, PRODUCT_ATTRIBUTE, List.of(PRODUCT_ATTRIBUTE.PRODUCT_ID, PRODUCT_ATTRIBUTE.ATTRIBUTE_ID,
                PRODUCT_ATTRIBUTE.LOCALE, PRODUCT_ATTRIBUTE.VALUE), attrRows);
        batch(dsl, PRODUCT_IMAGE, List.of(PRODUCT_IMAGE.PRODUCT_ID, PRODUCT_IMAGE.URL, PRODUCT_IMAGE.ALT_TEXT,
                PRODUCT_IMAGE.POSITION), images);
        batch(dsl, VARIANT, List.of(VARIANT.PRODUCT_ID, VARIANT.SKU, VARIANT.POSITION, VARIANT.PRICE_MINOR,
                VARIANT.COMPARE_AT_MINOR, VARIANT.CURRENCY, VARIANT.STOCK_ON_HAND, VARIANT.STOCK_RESERVED,
                VARIANT.STATUS, VARIANT.CREATED_AT, VARIANT.UPDATED_AT), variants);
        List<Object[]> options = new ArrayList<>();
        dsl.select(VARIANT.SKU, VARIANT.ID).from(VARIANT).where(VARIANT.SKU.like("BRQ-%")).fetch().forEach(r -> {
            for (String[] o : optionsBySku.getOrDefault(r.value1(), List.of())) {
                options.add(new Object[] {r.value2(), o[0], "fr", o[1], Integer.parseInt(o[3])});
                options.add(new Object[] {r.value2(), o[0], "en", o[2], Integer.parseInt(o[3])});
            }
        });
        batch(dsl, VARIANT_OPTION, List.of(VARIANT_OPTION.VARIANT_ID, VARIANT_OPTION.OPTION_CODE, VARIANT_OPTION.LOCALE,
                VARIANT_OPTION.VALUE, VARIANT_OPTION.POSITION), options);
        repo.refreshSearchText(dsl, ids.values());
        return plan.size();
    }

    /** Options per variant: each variant is an array of {code, value fr, value en}. */
    private static List<String[][]> variantOptions(Planned p, Random rnd) {
        List<String[][]> out = new ArrayList<>();
        switch (p.options()) {
            case APPAREL -> {
                int c2 = rnd.nextInt(COLOURS.length);
                List<String[]> colours = new ArrayList<>();
                colours.add(new String[] {p.colourFr(), p.colourEn()});
                if (rnd.nextBoolean() && !COLOURS[c2][0].equals(p.colourFr())) {
                    colours.add(COLOURS[c2]);
                }
                for (String[] c : colours) {
                    for (int s = 1; s < SIZES.length; s++) {
                        out.add(new String[][] {{"size", SIZES[s], SIZES[s]}, {"color", c[0], c[1]}});
                    }
                }
            }
            case SHOES -> {
                int from = 36 + rnd.nextInt(3);
                for (int s = from; s < from + 7; s++) {
                    out.add(new String[][] {{"size", Integer.toString(s), Integer.toString(s)}});
                }
            }
            case COLOUR -> {
                out.add(new String[][] {{"color", p.colourFr(), p.colourEn()}});
                String[] other = COLOURS[(indexOf(p.colourFr()) + 3) % COLOURS.length];
                out.add(new String[][] {{"color", other[0], other[1]}});
            }
            case VOLUME -> {
                out.add(new String[][] {{"size", "50 ml", "50 ml"}});
                out.add(new String[][] {{"size", "100 ml", "100 ml"}});
            }
            case KIDS -> {
                for (String[] s : KID_SIZES) {
                    out.add(new String[][] {{"size", s[0], s[1]}});
                }
            }
            case NONE -> out.add(new String[0][]);
        }
        return out;
    }

    private static int indexOf(String colourFr) {
        for (int i = 0; i < COLOURS.length; i++) {
            if (COLOURS[i][0].equals(colourFr)) {
                return i;
            }
        }
        return 0;
    }

    private static long category(DSLContext dsl, Long parent, int position, String fr, String en, String slugFr,
            String slugEn) {
        long id = Inserts.id(dsl, dsl.insertInto(CATEGORY).set(CATEGORY.PARENT_ID, parent).set(CATEGORY.POSITION, position)
                .set(CATEGORY.STATUS, "active"), CATEGORY.ID);
        dsl.insertInto(CATEGORY_TRANSLATION, CATEGORY_TRANSLATION.CATEGORY_ID, CATEGORY_TRANSLATION.LOCALE,
                CATEGORY_TRANSLATION.NAME, CATEGORY_TRANSLATION.SLUG).values(id, "fr", fr, slugFr)
                .values(id, "en", en, slugEn).execute();
        return id;
    }

    private static String unique(Set<String> used, String slug) {
        String s = slug;
        for (int i = 2; !used.add(s); i++) {
            s = slug + "-" + i;
        }
        return s;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Multi-row inserts in chunks (one statement per 500 rows). */
    private static void batch(DSLContext dsl, Table<?> table, List<Field<?>> fields, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += 500) {
            var step = dsl.insertInto(table, fields);
            for (Object[] r : rows.subList(from, Math.min(rows.size(), from + 500))) {
                step = step.values(r);
            }
            step.execute();
        }
    }
}
