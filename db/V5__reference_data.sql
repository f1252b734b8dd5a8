-- Reference data: VAT rates (basis points, 2000 = 20 %) for the EU countries most shops ship to.
-- Merchants adjust them in the back office; tax classes: standard, reduced, super_reduced, zero.
INSERT INTO tax_rate (country_code, tax_class, rate_bp) VALUES
  ('FR', 'standard', 2000), ('FR', 'reduced', 550), ('FR', 'super_reduced', 210), ('FR', 'zero', 0),
  ('BE', 'standard', 2100), ('BE', 'reduced', 600), ('BE', 'super_reduced', 600), ('BE', 'zero', 0),
  ('DE', 'standard', 1900), ('DE', 'reduced', 700), ('DE', 'super_reduced', 700), ('DE', 'zero', 0),
  ('ES', 'standard', 2100), ('ES', 'reduced', 1000), ('ES', 'super_reduced', 400), ('ES', 'zero', 0),
  ('IT', 'standard', 2200), ('IT', 'reduced', 1000), ('IT', 'super_reduced', 400), ('IT', 'zero', 0),
  ('NL', 'standard', 2100), ('NL', 'reduced', 900), ('NL', 'super_reduced', 900), ('NL', 'zero', 0),
  ('LU', 'standard', 1700), ('LU', 'reduced', 800), ('LU', 'super_reduced', 300), ('LU', 'zero', 0),
  ('PT', 'standard', 2300), ('PT', 'reduced', 600), ('PT', 'super_reduced', 600), ('PT', 'zero', 0),
  ('AT', 'standard', 2000), ('AT', 'reduced', 1000), ('AT', 'super_reduced', 1000), ('AT', 'zero', 0),
  ('IE', 'standard', 2300), ('IE', 'reduced', 1350), ('IE', 'super_reduced', 900), ('IE', 'zero', 0),
  ('CH', 'standard', 810), ('CH', 'reduced', 260), ('CH', 'super_reduced', 260), ('CH', 'zero', 0);
