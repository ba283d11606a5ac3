-- expect: none of SC030
ALTER TABLE device_keys2 RENAME TO device_keys2_rolled_back_124;
