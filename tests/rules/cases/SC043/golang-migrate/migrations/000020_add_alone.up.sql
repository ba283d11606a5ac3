-- expect: none of SC043
ALTER TYPE order_status ADD VALUE 'lost';
