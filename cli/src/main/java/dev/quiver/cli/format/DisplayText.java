package dev.quiver.cli.format;

/** Text for people: control characters made visible and long values cut, for tables and {@code quiver meta}. */
public final class DisplayText {
  private DisplayText() {}

  /**
   * {@code text} cut to at most {@code width} chars (UTF-16 units), ending in {@code …} when cut; a surrogate pair
   * is never split.
   *
   * @param width at least 2
   */
  public static String fit(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    int keep = width - 1;
    if (Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + "…";
  }

  /**
   * {@code text} with control characters escaped so that it stays on one line: {@code \n}, {@code \t}, {@code \r},
   * and {@code \}{@code uXXXX} for the other C0 controls and DEL. Returns {@code text} itself when nothing needs
   * escaping.
   */
  public static String escape(String text) {
    int i = 0;
    while (i < text.length() && !isControl(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 8).append(text, 0, i);
    for (; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (isControl(ch)) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }

  private static boolean isControl(char ch) {
    return ch < 0x20 || ch == 0x7f;
  }
}
