package dev.dedalus.processor.syntax;

/** The tokens of the rule language, with the text used to name them in syntax errors. */
public enum TokenKind {
  IDENT("a name"),
  WILDCARD("'_'"),
  INT("an integer"),
  DOUBLE("a number"),
  STRING("a string"),
  LPAREN("'('"),
  RPAREN("')'"),
  COMMA("','"),
  AT("'@'"),
  DEDUCTIVE("':-'"),
  INDUCTIVE("':+'"),
  ASYNC("':~'"),
  BANG("'!'"),
  ASSIGN("'='"),
  EQ("'=='"),
  NE("'!='"),
  LT("'<'"),
  LE("'<='"),
  GT("'>'"),
  GE("'>='"),
  PLUS("'+'"),
  MINUS("'-'"),
  STAR("'*'"),
  SLASH("'/'"),
  PERCENT("'%'"),
  EOF("the end of the rule");

  private final String description;

  TokenKind(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
