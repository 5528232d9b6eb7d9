-- The template codes the store holds a version of.
SELECT DISTINCT code FROM answer_templates
