/** The module specifiers a TypeScript or JavaScript file imports, read with the TypeScript parser (never a regex: text in comments and strings is not an import). */
import ts from 'typescript'

/** One import of a package from a file. */
export interface BareImport { specifier: string; typeOnly: boolean }

/** The module specifiers a source text imports (relative ones too), each with whether only types are taken. */
export function moduleImports(fileName: string, text: string): BareImport[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS)
  const out: BareImport[] = []
  const add = (node: ts.Expression | ts.TypeNode | undefined, typeOnly: boolean) => {
    if (node && ts.isLiteralTypeNode(node)) node = node.literal as ts.Expression
    if (node && ts.isStringLiteralLike(node)) out.push({ specifier: node.text, typeOnly })
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause
      const bindings = clause?.namedBindings
      const allTypes = !!clause && (clause.isTypeOnly || (!clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)))
      add(node.moduleSpecifier, allTypes)
    } else if (ts.isExportDeclaration(node)) {
      const allTypes = node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly))
      add(node.moduleSpecifier, allTypes)
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false)
    } else if (ts.isImportTypeNode(node)) {
      add(node.argument, true)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}
