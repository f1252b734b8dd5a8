package io.brique.crm.identity;

import java.util.HashMap;
import java.util.Map;

/**
 * Person names for matching: folded (accents, case, punctuation), and given names mapped to a
 * canonical form through a small French and English nickname table ("Bob" and "Robert",
 * "Manu" and "Emmanuel").
 */
public final class Names {
    private Names() {}

    private static final Map<String, String> CANONICAL = new HashMap<>();

    private static void group(String canonical, String... nicknames) {
        CANONICAL.put(canonical, canonical);
        for (String n : nicknames) CANONICAL.putIfAbsent(n, canonical);
    }

    static {
        // English
        group("robert", "bob", "bobby", "rob", "robbie", "bert");
        group("william", "bill", "billy", "will", "willy", "liam");
        group("elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "elisabeth", "babette", "lisa");
        group("james", "jim", "jimmy", "jamie");
        group("michael", "mike", "mick", "mickey");
        group("david", "dave", "davey");
        group("thomas", "tom", "tommy");
        group("christopher", "chris", "kit", "christophe");
        group("katherine", "kate", "katie", "kathy", "catherine", "cathy", "kathryn", "cat");
        group("jonathan", "jon", "jonny");
        group("john", "johnny", "jack");
        group("daniel", "dan", "danny");
        group("samuel", "sam", "sammy");
        group("alexander", "alex", "alexandre", "sacha", "sasha");
        group("nicholas", "nick", "nicky", "nicolas", "nico");
        group("stephen", "steve", "steven", "stephane", "steph");
        group("joseph", "joe", "joey");
        group("anthony", "tony", "antoine");
        group("benjamin", "ben", "benji");
        group("matthew", "matt", "mathieu", "matthieu", "mat");
        group("patrick", "pat", "paddy");
        group("richard", "rick", "ricky", "dick", "rich");
        group("edward", "ed", "eddie", "ted", "teddy", "edouard");
        group("margaret", "maggie", "meg", "peggy", "marguerite", "margot");
        group("jennifer", "jenny", "jen");
        group("susan", "sue", "susie", "suzanne");
        group("frederick", "fred", "freddie", "frederic");
        group("andrew", "andy", "drew", "andre");
        group("charles", "charlie", "chuck");
        group("henry", "harry", "hank", "henri");
        group("victoria", "vicky", "vicki");
        group("rebecca", "becky", "becca");
        group("deborah", "debbie", "deb");
        group("abigail", "abby");
        group("isabelle", "isa", "izzy", "isabel", "isabella", "zaza");
        group("jessica", "jess", "jessie");
        group("timothy", "tim", "timmy");
        group("gregory", "greg", "gregoire");
        group("lawrence", "larry", "laurent");
        group("philip", "phil", "philippe", "phillip");
        group("zachary", "zach", "zac");
        // French
        group("emmanuel", "manu", "emmanuelle");
        group("sebastien", "seb", "sebastian");
        group("guillaume", "guigui");
        group("maxime", "max", "maximilien");
        group("julien", "ju", "jules");
        group("caroline", "caro");
        group("valerie", "val");
        group("dominique", "dom");
        group("florence", "flo");
        group("jean pierre", "jp", "jeanpierre");
        group("jean francois", "jf", "jeanfrancois");
        group("marie christine", "marie christine");
        group("francois", "francis", "franck", "frank");
        group("benedicte", "bene");
        group("veronique", "vero");
        group("geraldine", "gege");
        group("christian", "cri cri");
    }

    /** Folded name ("Élodie" gives "elodie", "O'Brien" gives "o brien"). */
    public static String fold(String name) {
        return Text.fold(name);
    }

    /** The canonical given name through the nickname table; the folded name itself when unknown. */
    public static String canonicalGiven(String folded) {
        if (folded == null || folded.isEmpty()) return folded;
        String c = CANONICAL.get(folded);
        return c == null ? folded : c;
    }
}
